import { core } from './001-core.ts';
import { accounts } from './002-accounts.ts';
import { collaboration } from './003-collaboration.ts';
import { roleSignOff } from './004-role-sign-off.ts';
import { tracking } from './005-tracking.ts';
import { helpCenter } from './006-help-center.ts';
import { instanceMigrations } from './007-instance-migrations.ts';
import { changeFeed } from './008-change-feed.ts';
import { securityHardening } from './009-security-hardening.ts';
import { apiTokenLifetime } from './010-api-token-lifetime.ts';
import { accountAdministration } from './013-account-administration.ts';
import type { Migration } from './migration.ts';

export type { Migration } from './migration.ts';

/** Every migration, in order. Append only. */
export const MIGRATIONS: readonly Migration[] = [
  core,
  accounts,
  collaboration,
  roleSignOff,
  tracking,
  helpCenter,
  instanceMigrations,
  changeFeed,
  securityHardening,
  apiTokenLifetime,
  // 11 and 12 belong to changes released alongside this one; these stand-ins keep the numbering whole
  // and are replaced by those migrations when the branches meet.
  { version: 11, name: 'reserved-11', statements: ['SELECT 1'] },
  { version: 12, name: 'reserved-12', statements: ['SELECT 1'] },
  accountAdministration,
];
