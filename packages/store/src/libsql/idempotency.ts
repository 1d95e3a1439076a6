import type { IdempotencyRecord } from '../records.ts';
import type { Store } from '../types.ts';
import type { Db } from './db.ts';
import { int, json, text } from './rows.ts';

export function idempotencyApi(
  db: Db,
): Pick<Store, 'getIdempotency' | 'saveIdempotency' | 'purgeIdempotency'> {
  return {
    async getIdempotency(key, userId) {
      const rs = await db.client.execute({
        sql: 'SELECT * FROM idempotency WHERE key = ? AND user_id = ?',
        args: [key, userId],
      });
      const row = rs.rows[0];
      if (!row) return null;
      const record: IdempotencyRecord = {
        key: text(row, 'key'),
        userId: text(row, 'user_id'),
        route: text(row, 'route'),
        status: int(row, 'status'),
        response: json(row, 'response'),
        createdAt: text(row, 'created_at'),
      };
      return record;
    },

    async saveIdempotency(record) {
      const rs = await db.client.execute({
        sql: `INSERT INTO idempotency (key, user_id, route, status, response, created_at) VALUES (?, ?, ?, ?, ?, ?)
              ON CONFLICT (key, user_id) DO NOTHING`,
        args: [
          record.key,
          record.userId,
          record.route,
          record.status,
          JSON.stringify(record.response ?? null),
          record.createdAt ?? db.now(),
        ],
      });
      return rs.rowsAffected === 1;
    },

    /** Stored responses may hold health data: keep them only as long as a retry is plausible. */
    async purgeIdempotency(before) {
      const rs = await db.client.execute({
        sql: 'DELETE FROM idempotency WHERE created_at < ?',
        args: [before],
      });
      return rs.rowsAffected;
    },
  };
}
