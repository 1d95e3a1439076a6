import { core } from './001-core.ts';
import { accounts } from './002-accounts.ts';
import { collaboration } from './003-collaboration.ts';
import { roleSignOff } from './004-role-sign-off.ts';
import { tracking } from './004-tracking.ts';
import { helpCenter } from './004-help-center.ts';
import { instanceMigrations } from './004-instance-migrations.ts';
import { changeFeed } from './004-change-feed.ts';
import { securityHardening } from './004-security-hardening.ts';
import type { Migration } from './migration.ts';

export type { Migration } from './migration.ts';

/** Every migration, in order. Append only. */
export const MIGRATIONS: readonly Migration[] = [core, accounts, collaboration, roleSignOff];
export const MIGRATIONS: readonly Migration[] = [core, accounts, collaboration, tracking];
export const MIGRATIONS: readonly Migration[] = [core, accounts, collaboration, helpCenter];
export const MIGRATIONS: readonly Migration[] = [core, accounts, collaboration, instanceMigrations];
export const MIGRATIONS: readonly Migration[] = [core, accounts, collaboration, changeFeed];
export const MIGRATIONS: readonly Migration[] = [core, accounts, collaboration, securityHardening];
