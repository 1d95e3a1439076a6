import { core } from './001-core.ts';
import { accounts } from './002-accounts.ts';
import { collaboration } from './003-collaboration.ts';
import { securityHardening } from './004-security-hardening.ts';
import type { Migration } from './migration.ts';

export type { Migration } from './migration.ts';

/** Every migration, in order. Append only. */
export const MIGRATIONS: readonly Migration[] = [core, accounts, collaboration, securityHardening];
