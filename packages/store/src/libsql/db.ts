import type { Client } from '@libsql/client';
import type { GroupCommit } from './group-commit.ts';

/** What every part of the libSQL store shares: the client, the group-commit queue and the clock. */
export interface Db {
  client: Client;
  queue: GroupCommit;
  now: () => string;
}
