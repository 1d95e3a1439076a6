import type { InStatement, InValue, Row } from '@libsql/client';
import { StoreError } from '../errors.ts';
import { appendId } from '../ids.ts';
import type { NoteDraft, NoteRevision, NoteStore } from '../notes.ts';
import type { Db } from './db.ts';
import { text, textOrNull } from './rows.ts';

const KINDS = new Set(['completion', 'comment']);

function toNote(row: Row): NoteRevision {
  return {
    id: text(row, 'id'),
    noteId: text(row, 'note_id'),
    revision: Number(row.revision),
    instanceId: text(row, 'instance_id'),
    taskId: textOrNull(row, 'task_id'),
    step: textOrNull(row, 'step'),
    kind: text(row, 'kind') as NoteRevision['kind'],
    forNextRole: Number(row.for_next_role) === 1,
    authorId: text(row, 'author_id'),
    authorRole: textOrNull(row, 'author_role'),
    at: text(row, 'at'),
    body: text(row, 'body'),
  };
}

/** Checked before the statement joins a shared batch: one bad row must not fail its neighbours. */
export function checkNoteDraft(draft: NoteDraft): void {
  if (!KINDS.has(draft.kind)) throw new StoreError('CHANGE_INVALID', `note kind '${draft.kind}' is unknown`);
  if (typeof draft.body !== 'string' || typeof draft.authorId !== 'string' || typeof draft.at !== 'string')
    throw new StoreError('CHANGE_INVALID', 'a note needs a body, an author and a time');
}

/**
 * The insert of a new note, taking its instance from the instance row (no row, no note). `guard` adds
 * a condition (an instance change's commit token) so a completion note lands only with its completion.
 */
export function noteInsert(
  instanceId: string,
  draft: NoteDraft,
  id: string,
  guard?: { sql: string; args: InValue[] },
): InStatement {
  const taskId = draft.taskToken ? `${instanceId}:${draft.taskToken}` : null;
  return {
    sql: `INSERT INTO request_notes (id, note_id, revision, instance_id, task_id, step, kind, for_next_role,
            author_id, author_role, at, body)
          SELECT ?, ?, 1, i.id, ?, ?, ?, ?, ?, ?, ?, ? FROM instances i
          WHERE i.id = ?${guard ? ` AND ${guard.sql}` : ''}`,
    args: [
      id,
      id,
      taskId,
      draft.step ?? null,
      draft.kind,
      draft.forNextRole ? 1 : 0,
      draft.authorId,
      draft.authorRole ?? null,
      draft.at,
      draft.body,
      instanceId,
      ...(guard?.args ?? []),
    ],
  };
}

export function noteApi(db: Db): NoteStore {
  const byId = async (id: string) => {
    const rs = await db.client.execute({ sql: 'SELECT * FROM request_notes WHERE id = ?', args: [id] });
    return rs.rows[0] ? toNote(rs.rows[0]) : null;
  };
  return {
    async addNote(instanceId, draft) {
      checkNoteDraft(draft);
      const id = appendId();
      // Through the group-commit queue: a burst of notes shares fsyncs and none is lost.
      const written = await db.queue.submit({
        statements: [noteInsert(instanceId, draft, id)],
        settle: (results) => results[0]?.rowsAffected === 1,
      });
      return written ? byId(id) : null;
    },

    async reviseNote(edit) {
      if (typeof edit.body !== 'string' || !Number.isInteger(edit.expectedRevision))
        throw new StoreError('CHANGE_INVALID', 'an edit needs a body and the revision it replaces');
      const id = appendId();
      // Revision n + 1 is written only from revision n; a second edit of n meets the unique key and writes nothing.
      const written = await db.queue.submit({
        statements: [
          {
            sql: `INSERT INTO request_notes (id, note_id, revision, instance_id, task_id, step, kind, for_next_role,
                    author_id, author_role, at, body)
                  SELECT ?, note_id, revision + 1, instance_id, task_id, step, kind, coalesce(?, for_next_role),
                    ?, ?, ?, ?
                  FROM request_notes WHERE note_id = ? AND revision = ?
                  ON CONFLICT (note_id, revision) DO NOTHING`,
            args: [
              id,
              edit.forNextRole === undefined ? null : edit.forNextRole ? 1 : 0,
              edit.authorId,
              edit.authorRole ?? null,
              edit.at,
              edit.body,
              edit.noteId,
              edit.expectedRevision,
            ],
          },
        ],
        settle: (results) => results[0]?.rowsAffected === 1,
      });
      if (written) return { ok: true, note: (await byId(id))! };
      const exists = await db.client.execute({
        sql: 'SELECT 1 FROM request_notes WHERE note_id = ? AND revision = ?',
        args: [edit.noteId, edit.expectedRevision],
      });
      return { ok: false, reason: exists.rows.length > 0 ? 'conflict' : 'not-found' };
    },

    async listNoteRevisions(instanceId) {
      const rs = await db.client.execute({
        sql: 'SELECT * FROM request_notes WHERE instance_id = ? ORDER BY at, note_id, revision',
        args: [instanceId],
      });
      return rs.rows.map(toNote);
    },
  };
}
