import type { Row } from '@libsql/client';
import { decodeCursor, encodeCursor, pageLimit } from '../cursor.ts';
import type { AccessOutcome, AccessRecord } from '../records.ts';
import type { Store } from '../types.ts';
import type { Db } from './db.ts';
import { Conditions, int, text, textOrNull } from './rows.ts';

function toAccessRecord(row: Row): AccessRecord {
  return {
    id: int(row, 'id'),
    at: text(row, 'at'),
    userId: textOrNull(row, 'user_id'),
    role: textOrNull(row, 'role'),
    action: text(row, 'action'),
    instanceId: textOrNull(row, 'instance_id'),
    dataCategory: textOrNull(row, 'data_category'),
    outcome: text(row, 'outcome') as AccessOutcome,
    detail: textOrNull(row, 'detail'),
  };
}

export function accessLogApi(db: Db): Pick<Store, 'logAccess' | 'listAccess'> {
  return {
    /** Every request logs one entry, so entries share the group-commit batches instead of an fsync each. */
    logAccess(entry) {
      return db.queue.submit({
        statements: [
          {
            sql: `INSERT INTO access_log (at, user_id, role, action, instance_id, data_category, outcome, detail)
                  VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
            args: [
              entry.at,
              entry.userId ?? null,
              entry.role ?? null,
              entry.action,
              entry.instanceId ?? null,
              entry.dataCategory ?? null,
              entry.outcome,
              entry.detail ?? null,
            ],
          },
        ],
        settle: () => undefined,
      });
    },

    async listAccess(query = {}) {
      const limit = pageLimit(query.limit, 100, 1000);
      const where = new Conditions();
      if (query.from !== undefined) where.add('at >= ?', query.from);
      if (query.to !== undefined) where.add('at < ?', query.to);
      if (query.userId !== undefined) where.add('user_id = ?', query.userId);
      if (query.instanceId !== undefined) where.add('instance_id = ?', query.instanceId);
      if (query.outcome !== undefined) where.add('outcome = ?', query.outcome);
      // Reads of practice (sandbox) instances stay out of the report unless it is asked for them.
      where.add(
        `${query.practice ? '' : 'NOT '}(instance_id IS NOT NULL AND instance_id IN (SELECT id FROM instances WHERE practice = 1))`,
      );
      if (query.cursor) {
        const [at, id] = decodeCursor(query.cursor, 2);
        where.add('(at, id) > (?, ?)', at ?? null, id ?? null);
      }
      const rs = await db.client.execute({
        sql: `SELECT * FROM access_log WHERE ${where.parts.join(' AND ')} ORDER BY at, id LIMIT ?`,
        args: [...where.args, limit + 1],
      });
      const items = rs.rows.slice(0, limit).map(toAccessRecord);
      const last = items[items.length - 1];
      return { items, nextCursor: rs.rows.length > limit && last ? encodeCursor([last.at, last.id]) : null };
    },
  };
}
