import type { Row } from '@libsql/client';
import { StoreError } from '../errors.ts';
import type { FeedEntry, Store } from '../types.ts';
import type { Db } from './db.ts';
import { int, text } from './rows.ts';

const DEFAULT_LIMIT = 500;
const MAX_LIMIT = 5000;

function toEntry(row: Row): FeedEntry {
  return { id: int(row, 'id'), at: text(row, 'at'), message: text(row, 'message') };
}

/**
 * The change feed. Writers are serialised by the database, so once id n is visible every smaller id
 * is too: a reader that remembers the last id it read never skips a row.
 */
export function feedApi(db: Db): Pick<Store, 'appendFeed' | 'readFeed' | 'feedBounds' | 'pruneFeed'> {
  return {
    async appendFeed(message, at) {
      // Rides the group-commit queue: one more row in a batch that is being written anyway.
      return db.queue.submit({
        statements: [
          {
            sql: 'INSERT INTO change_feed (at, message) VALUES (?, ?) RETURNING id',
            args: [at ?? db.now(), JSON.stringify([message])],
          },
        ],
        settle: (results) => int(results[0]!.rows[0]!, 'id'),
      });
    },

    async readFeed(afterId, limit = DEFAULT_LIMIT) {
      if (!Number.isInteger(afterId) || afterId < 0)
        throw new StoreError('QUERY_INVALID', 'readFeed needs an integer id ≥ 0');
      const n = Math.min(Math.max(1, Math.floor(limit)), MAX_LIMIT);
      const rs = await db.client.execute({
        sql: 'SELECT id, at, message FROM change_feed WHERE id > ? ORDER BY id LIMIT ?',
        args: [afterId, n],
      });
      return rs.rows.map(toEntry);
    },

    async feedBounds() {
      const rs = await db.client.execute(
        'SELECT min(id) AS oldest, coalesce(max(id), 0) AS newest FROM change_feed',
      );
      const row = rs.rows[0]!;
      return { oldest: row.oldest === null ? null : int(row, 'oldest'), newest: int(row, 'newest') };
    },

    async pruneFeed(throughId) {
      if (!Number.isInteger(throughId))
        throw new StoreError('QUERY_INVALID', 'pruneFeed needs an integer id');
      // The newest row stays: ids are max + 1, so removing it would let the next row reuse its id.
      const rs = await db.client.execute({
        sql: 'DELETE FROM change_feed WHERE id <= ? AND id < (SELECT max(id) FROM change_feed)',
        args: [throughId],
      });
      return rs.rowsAffected;
    },
  };
}
