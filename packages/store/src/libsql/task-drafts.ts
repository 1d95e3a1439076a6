import type { Row } from '@libsql/client';
import type { StoredTaskDraft, TaskDraftStore } from '../task-drafts.ts';
import type { Db } from './db.ts';
import { int, text } from './rows.ts';

/** The task is open and `?` holds it: a save by anyone else, or after it closed, writes nothing. */
const HELD = `EXISTS (SELECT 1 FROM tasks WHERE id = ? AND status = 'open' AND assignee = ?)`;

function toDraft(row: Row): StoredTaskDraft {
  const body = JSON.parse(text(row, 'body')) as Pick<StoredTaskDraft, 'values' | 'note' | 'forNextRole'>;
  return {
    taskId: text(row, 'task_id'),
    instanceId: text(row, 'instance_id'),
    revision: int(row, 'revision'),
    values: body.values ?? {},
    note: body.note ?? '',
    forNextRole: body.forNextRole === true,
    savedBy: text(row, 'saved_by'),
    savedAt: text(row, 'saved_at'),
  };
}

export function taskDraftApi(db: Db): TaskDraftStore {
  async function read(taskId: string): Promise<StoredTaskDraft | null> {
    const rs = await db.client.execute({
      sql: 'SELECT * FROM task_drafts WHERE task_id = ?',
      args: [taskId],
    });
    return rs.rows[0] ? toDraft(rs.rows[0]) : null;
  }

  return {
    getTaskDraft: read,

    async taskDraftMarks(taskIds) {
      const marks = new Map<string, { savedBy: string; savedAt: string }>();
      const ids = [...new Set(taskIds)];
      // In slices: a long queue page stays under SQLite's limit of bound values.
      for (let i = 0; i < ids.length; i += 500) {
        const slice = ids.slice(i, i + 500);
        const rs = await db.client.execute({
          sql: `SELECT task_id, saved_by, saved_at FROM task_drafts WHERE task_id IN (${slice.map(() => '?').join(',')})`,
          args: slice,
        });
        for (const row of rs.rows)
          marks.set(text(row, 'task_id'), { savedBy: text(row, 'saved_by'), savedAt: text(row, 'saved_at') });
      }
      return marks;
    },

    async saveTaskDraft(save) {
      const body = JSON.stringify({ values: save.values, note: save.note, forNextRole: save.forNextRole });
      // One conditional statement: of two saves over the same revision exactly one is written.
      const rs =
        save.baseRevision === 0
          ? await db.client.execute({
              sql: `INSERT INTO task_drafts (task_id, instance_id, revision, body, saved_by, saved_at)
                    SELECT t.id, t.instance_id, 1, ?, ?, ? FROM tasks t
                    WHERE t.id = ? AND t.status = 'open' AND t.assignee = ?
                    ON CONFLICT (task_id) DO NOTHING`,
              args: [body, save.savedBy, save.savedAt, save.taskId, save.savedBy],
            })
          : await db.client.execute({
              sql: `UPDATE task_drafts SET revision = revision + 1, body = ?, saved_by = ?, saved_at = ?
                    WHERE task_id = ? AND revision = ? AND ${HELD}`,
              args: [
                body,
                save.savedBy,
                save.savedAt,
                save.taskId,
                save.baseRevision,
                save.taskId,
                save.savedBy,
              ],
            });
      const now = await read(save.taskId);
      if (rs.rowsAffected === 1 && now) return { ok: true, draft: now };
      const held = await db.client.execute({
        sql: `SELECT 1 FROM tasks WHERE id = ? AND status = 'open' AND assignee = ?`,
        args: [save.taskId, save.savedBy],
      });
      if (held.rows.length === 0) return { ok: false, reason: 'not-held' };
      return { ok: false, reason: 'newer', draft: now };
    },
  };
}
