import { randomUUID } from 'node:crypto';
import type { Row } from '@libsql/client';
import { pageLimit } from '../cursor.ts';
import { StoreError } from '../errors.ts';
import type { Notification, NotificationKind } from '../records.ts';
import type { Store } from '../types.ts';
import type { Db } from './db.ts';
import { placeholders, text, textOrNull } from './rows.ts';

function toNotification(row: Row): Notification {
  return {
    id: text(row, 'id'),
    userId: textOrNull(row, 'user_id'),
    role: textOrNull(row, 'role'),
    kind: text(row, 'kind') as NotificationKind,
    taskId: textOrNull(row, 'task_id'),
    instanceId: textOrNull(row, 'instance_id'),
    createdAt: text(row, 'created_at'),
    readAt: textOrNull(row, 'read_at'),
  };
}

/** `user_id = ? OR role IN (…)`: what is addressed to this reader. */
function addressedTo(userId: string, roles: readonly string[] = []) {
  const unique = [...new Set(roles)];
  return {
    sql: unique.length > 0 ? `(user_id = ? OR role IN (${placeholders(unique.length)}))` : 'user_id = ?',
    args: [userId, ...unique],
  };
}

/**
 * A due-soon reminder says only while its reader still holds the open task: finished, released,
 * escalated or handed on, it has nothing left to remind them of.
 */
const STILL_HELD = `(kind <> 'due-soon' OR EXISTS (SELECT 1 FROM tasks t
  WHERE t.id = notifications.task_id AND t.status = 'open' AND t.assignee = notifications.user_id))`;

export function notificationApi(
  db: Db,
): Pick<Store, 'addNotification' | 'listNotifications' | 'markNotificationsRead'> {
  return {
    async addNotification(input) {
      if (!input.userId && !input.role)
        throw new StoreError('QUERY_INVALID', 'A notification is addressed to a user or a role');
      const n: Notification = {
        id: randomUUID(),
        userId: input.userId ?? null,
        role: input.role ?? null,
        kind: input.kind,
        taskId: input.taskId ?? null,
        instanceId: input.instanceId ?? null,
        createdAt: input.createdAt ?? db.now(),
        readAt: null,
      };
      await db.client.execute({
        sql: 'INSERT INTO notifications (id, user_id, role, kind, task_id, instance_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        args: [n.id, n.userId, n.role, n.kind, n.taskId, n.instanceId, n.createdAt],
      });
      return n;
    },

    async listNotifications({ userId, roles, unreadOnly, limit }) {
      const to = addressedTo(userId, roles);
      const rs = await db.client.execute({
        sql: `SELECT * FROM notifications WHERE ${to.sql}${unreadOnly ? ' AND read_at IS NULL' : ''} AND ${STILL_HELD}
              ORDER BY created_at DESC, id DESC LIMIT ?`,
        args: [...to.args, pageLimit(limit, 50, 500)],
      });
      return rs.rows.map(toNotification);
    },

    async markNotificationsRead(ids, reader, at) {
      if (ids.length === 0) return 0;
      const to = addressedTo(reader.userId, reader.roles);
      const rs = await db.client.execute({
        sql: `UPDATE notifications SET read_at = ? WHERE id IN (${placeholders(ids.length)}) AND read_at IS NULL AND ${to.sql}`,
        args: [at ?? db.now(), ...ids, ...to.args],
      });
      return rs.rowsAffected;
    },
  };
}
