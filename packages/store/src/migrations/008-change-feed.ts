import type { Migration } from './migration.ts';

/**
 * The change feed: one row per committed change that live clients should hear about, written in the
 * same batch as the change. Every server process tails it by id, so a browser connected to any process
 * hears about a change made through any other. Ids are rowids (max + 1: cheaper on the hot path than
 * AUTOINCREMENT); pruning always keeps the newest row, so ids never go back and a client can resume from
 * the last id it saw.
 */
export const changeFeed: Migration = {
  version: 8,
  name: 'change-feed',
  statements: [
    `CREATE TABLE change_feed (
      id INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      message TEXT NOT NULL
    ) STRICT`,
  ],
};
