import { randomUUID } from 'node:crypto';
import type { Row } from '@libsql/client';
import type { TaskComment } from '../records.ts';
import type { Store } from '../types.ts';
import type { Db } from './db.ts';
import { text } from './rows.ts';

function toComment(row: Row): TaskComment {
  return {
    id: text(row, 'id'),
    taskId: text(row, 'task_id'),
    instanceId: text(row, 'instance_id'),
    userId: text(row, 'user_id'),
    at: text(row, 'at'),
    body: text(row, 'body'),
  };
}

export function commentApi(db: Db): Pick<Store, 'addComment' | 'listComments'> {
  return {
    async addComment({ taskId, userId, body, at }) {
      const comment = { id: randomUUID(), taskId, userId, body, at: at ?? db.now() };
      // The instance id comes from the task row; no row, no comment.
      const rs = await db.client.execute({
        sql: `INSERT INTO task_comments (id, task_id, instance_id, user_id, at, body)
              SELECT ?, t.id, t.instance_id, ?, ?, ? FROM tasks t WHERE t.id = ?`,
        args: [comment.id, userId, comment.at, body, taskId],
      });
      if (rs.rowsAffected !== 1) return null;
      const row = await db.client.execute({
        sql: 'SELECT * FROM task_comments WHERE id = ?',
        args: [comment.id],
      });
      return toComment(row.rows[0]!);
    },

    async listComments(taskId) {
      const rs = await db.client.execute({
        sql: 'SELECT * FROM task_comments WHERE task_id = ? ORDER BY at, id',
        args: [taskId],
      });
      return rs.rows.map(toComment);
    },
  };
}
