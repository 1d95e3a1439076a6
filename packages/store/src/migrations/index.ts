import { core } from './001-core.ts';
import { accounts } from './002-accounts.ts';
import { collaboration } from './003-collaboration.ts';
import { changeFeed } from './004-change-feed.ts';
import type { Migration } from './migration.ts';

export type { Migration } from './migration.ts';

/** Every migration, in order. Append only. */
export const MIGRATIONS: readonly Migration[] = [core, accounts, collaboration, changeFeed];
