import type { Priority } from '@portalflow/engine';
import { type DueSoonPort, dueSoonId } from '../due-soon.ts';
import type { Db } from './db.ts';
import { text } from './rows.ts';

export function dueSoonApi(db: Db): DueSoonPort {
  return {
    async heldTasksDueBy(after, by, limit = 200) {
      const rs = await db.client.execute({
        sql: `SELECT t.id, t.instance_id, t.definition_id, t.step, t.title, t.assignee, t.due, t.opened_at, t.priority
              FROM tasks t INDEXED BY tasks_held_by_due
              WHERE t.status = 'open' AND t.assignee IS NOT NULL AND t.practice = 0 AND t.due IS NOT NULL
                AND t.due > ? AND t.due <= ?
                AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.id = 'due-soon:' || t.id || ':' || t.assignee)
              ORDER BY t.due LIMIT ?`,
        args: [after, by, limit],
      });
      return rs.rows.map((row) => ({
        id: text(row, 'id'),
        instanceId: text(row, 'instance_id'),
        definitionId: text(row, 'definition_id'),
        step: text(row, 'step'),
        title: text(row, 'title'),
        assignee: text(row, 'assignee'),
        due: text(row, 'due'),
        openedAt: text(row, 'opened_at'),
        priority: text(row, 'priority') as Priority,
      }));
    },

    async addDueSoonReminders(reminders) {
      const written = [];
      for (const r of reminders) {
        // The bell item and its email together: a crash between them cannot leave one without the other.
        const statements = [
          {
            sql: `INSERT INTO notifications (id, user_id, role, kind, task_id, instance_id, created_at)
                  VALUES (?, ?, NULL, 'due-soon', ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
            args: [dueSoonId(r.taskId, r.userId), r.userId, r.taskId, r.instanceId, r.at],
          },
        ];
        if (r.email)
          statements.push({
            sql: `INSERT INTO outbox (id, channel, kind, target, instance_id, task_id, payload, next_at, created_at)
                  SELECT ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE changes() = 1 ON CONFLICT (id) DO NOTHING`,
            args: [
              r.email.id,
              r.email.channel,
              r.email.kind,
              r.email.target,
              r.instanceId,
              r.taskId,
              JSON.stringify(r.email.payload ?? null),
              r.at,
              r.email.createdAt,
            ],
          });
        const [bell] = await db.client.batch(statements, 'write');
        if (bell && bell.rowsAffected > 0) written.push(r);
      }
      return written;
    },
  };
}
