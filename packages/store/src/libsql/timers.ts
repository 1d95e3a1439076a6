import type { Row } from '@libsql/client';
import { StoreError } from '../errors.ts';
import type { LeasedTimer } from '../records.ts';
import type { Store } from '../types.ts';
import type { Db } from './db.ts';
import { text } from './rows.ts';

function toLeasedTimer(row: Row): LeasedTimer {
  return {
    id: text(row, 'id'),
    instanceId: text(row, 'instance_id'),
    timerId: text(row, 'timer_id'),
    due: text(row, 'due'),
    leaseOwner: text(row, 'lease_owner'),
    leaseExpires: text(row, 'lease_expires'),
  };
}

export function timerApi(
  db: Db,
): Pick<Store, 'claimDueTimers' | 'releaseTimer' | 'dropTimer' | 'nextTimerDue'> {
  return {
    /**
     * One statement, so choosing and leasing cannot interleave with another worker's claim: only due
     * timers that are unleased or whose lease has expired are taken.
     */
    async claimDueTimers({ now, owner, leaseMs, limit = 100 }) {
      const at = Date.parse(now);
      if (Number.isNaN(at) || !(leaseMs > 0) || !owner) {
        throw new StoreError(
          'QUERY_INVALID',
          'claimDueTimers needs a valid `now`, a positive `leaseMs` and an `owner`',
        );
      }
      const nowIso = new Date(at).toISOString();
      const expires = new Date(at + leaseMs).toISOString();
      const free = 'due <= ? AND (lease_owner IS NULL OR lease_expires <= ?)';
      const rs = await db.client.execute({
        sql: `UPDATE timers SET lease_owner = ?, lease_expires = ?
              WHERE id IN (SELECT id FROM timers WHERE ${free} ORDER BY due LIMIT ?) AND ${free}
              RETURNING id, instance_id, timer_id, due, lease_owner, lease_expires`,
        args: [owner, expires, nowIso, nowIso, limit, nowIso, nowIso],
      });
      return rs.rows.map(toLeasedTimer).sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
    },

    async releaseTimer(id, owner) {
      const rs = await db.client.execute({
        sql: 'UPDATE timers SET lease_owner = NULL, lease_expires = NULL WHERE id = ? AND lease_owner = ?',
        args: [id, owner],
      });
      return rs.rowsAffected === 1;
    },

    async dropTimer(id, owner) {
      const rs = await db.client.execute({
        sql: 'DELETE FROM timers WHERE id = ? AND lease_owner = ?',
        args: [id, owner],
      });
      return rs.rowsAffected === 1;
    },

    async nextTimerDue() {
      const rs = await db.client.execute('SELECT min(due) AS due FROM timers');
      const due = rs.rows[0]?.due;
      return typeof due === 'string' ? due : null;
    },
  };
}
