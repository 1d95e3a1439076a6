import type { Row } from '@libsql/client';
import type { AttachmentRecord, AttachmentStore } from '../attachments.ts';
import { StoreError } from '../errors.ts';
import { appendId } from '../ids.ts';
import type { Db } from './db.ts';
import { int, placeholders, text, textOrNull } from './rows.ts';

const SELECT = `SELECT a.*, r.at AS removed_at, r.removed_by, r.reason AS removed_reason
  FROM request_attachments a LEFT JOIN request_attachment_removals r ON r.attachment_id = a.id`;

function toAttachment(row: Row): AttachmentRecord {
  const removedAt = textOrNull(row, 'removed_at');
  return {
    id: text(row, 'id'),
    instanceId: text(row, 'instance_id'),
    taskId: textOrNull(row, 'task_id'),
    step: textOrNull(row, 'step'),
    name: text(row, 'name'),
    type: text(row, 'type'),
    bytes: Number(row.bytes),
    sha256: text(row, 'sha256'),
    authorId: text(row, 'author_id'),
    authorRole: textOrNull(row, 'author_role'),
    at: text(row, 'at'),
    removed: removedAt
      ? { at: removedAt, by: text(row, 'removed_by'), reason: text(row, 'removed_reason') }
      : null,
  };
}

const SHA256 = /^[0-9a-f]{64}$/;

/** The files the instance `i` holds now: removed ones do not count. */
const LIVE_FILES = `SELECT count(*) FROM request_attachments a WHERE a.instance_id = i.id
  AND NOT EXISTS (SELECT 1 FROM request_attachment_removals r WHERE r.attachment_id = a.id)`;

export function attachmentApi(db: Db): AttachmentStore {
  const byId = async (id: string) => {
    const rs = await db.client.execute({ sql: `${SELECT} WHERE a.id = ?`, args: [id] });
    return rs.rows[0] ? toAttachment(rs.rows[0]) : null;
  };
  return {
    async addAttachment(instanceId, draft, limits = {}, once) {
      if (typeof draft.name !== 'string' || draft.name.length === 0 || !SHA256.test(draft.sha256))
        throw new StoreError('CHANGE_INVALID', 'an attachment needs a name and the SHA-256 of its bytes');
      if (!Number.isInteger(draft.bytes) || draft.bytes <= 0)
        throw new StoreError('CHANGE_INVALID', 'an attachment has at least one byte');
      const { maxFiles } = limits;
      if (maxFiles !== undefined && (!Number.isInteger(maxFiles) || maxFiles < 1))
        throw new StoreError('CHANGE_INVALID', 'a limit on files is a whole number from 1');
      const id = appendId();
      const taskId = draft.taskToken ? `${instanceId}:${draft.taskToken}` : null;
      // Counted by the insert itself, inside the write: files released together are counted one after
      // another, so no two of them both take the last place.
      const within = maxFiles === undefined ? '' : `AND (${LIVE_FILES}) < ?`;
      // A key already taken by its user: this is the same upload again, and attaches nothing.
      const keyFree = once ? 'AND NOT EXISTS (SELECT 1 FROM idempotency WHERE key = ? AND user_id = ?)' : '';
      const refused = await db.queue.submit({
        statements: [
          {
            // Taken from the instance row: no instance, no attachment.
            sql: `INSERT INTO request_attachments (id, instance_id, task_id, step, name, type, bytes, sha256,
                    author_id, author_role, at)
                  SELECT ?, i.id, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM instances i WHERE i.id = ? ${within} ${keyFree}`,
            args: [
              id,
              taskId,
              draft.step ?? null,
              draft.name,
              draft.type,
              draft.bytes,
              draft.sha256,
              draft.authorId,
              draft.authorRole ?? null,
              draft.at,
              instanceId,
              ...(maxFiles === undefined ? [] : [maxFiles]),
              ...(once ? [once.key, once.userId] : []),
            ],
          },
          // Why nothing was written, read in the same write: no such instance, or no place left on it.
          { sql: 'SELECT count(*) AS found FROM instances WHERE id = ?', args: [instanceId] },
          ...(once
            ? [
                // The key is taken with the row, and only if the row was written.
                {
                  sql: `INSERT INTO idempotency (key, user_id, route, status, response, created_at)
                        SELECT ?, ?, ?, 201, json_object('attachmentId', a.id), ? FROM request_attachments a
                        WHERE a.id = ? ON CONFLICT (key, user_id) DO NOTHING`,
                  args: [once.key, once.userId, once.route, once.createdAt, id],
                },
                {
                  sql: 'SELECT count(*) AS found FROM idempotency WHERE key = ? AND user_id = ?',
                  args: [once.key, once.userId],
                },
              ]
            : []),
        ],
        settle: ([inserted, instance, , key]) => {
          if (inserted?.rowsAffected === 1) return null;
          if (key && int(key.rows[0]!, 'found') > 0) return 'key-used' as const;
          return int(instance!.rows[0]!, 'found') > 0 ? ('too-many-files' as const) : ('not-found' as const);
        },
      });
      if (refused) return { ok: false, reason: refused };
      const attachment = await byId(id);
      return attachment ? { ok: true, attachment } : { ok: false, reason: 'not-found' };
    },

    async listAttachments(instanceId) {
      const rs = await db.client.execute({
        sql: `${SELECT} WHERE a.instance_id = ? ORDER BY a.id`,
        args: [instanceId],
      });
      return rs.rows.map(toAttachment);
    },

    getAttachment: byId,

    async removeAttachment({ id, by, at, reason }) {
      if (typeof reason !== 'string' || reason.trim().length === 0)
        throw new StoreError('CHANGE_INVALID', 'a removal needs its reason');
      // The removal's key is the attachment: a second removal meets it and writes nothing.
      const written = await db.queue.submit({
        statements: [
          {
            sql: `INSERT INTO request_attachment_removals (attachment_id, at, removed_by, reason)
                  SELECT id, ?, ?, ? FROM request_attachments WHERE id = ?
                  ON CONFLICT (attachment_id) DO NOTHING`,
            args: [at, by, reason, id],
          },
        ],
        settle: (results) => results[0]?.rowsAffected === 1,
      });
      const attachment = await byId(id);
      if (!attachment) return { ok: false, reason: 'not-found' };
      if (!written) return { ok: false, reason: 'already-removed' };
      return { ok: true, attachment };
    },

    async countAttachments(instanceIds) {
      const counts = new Map<string, number>();
      const ids = [...new Set(instanceIds)];
      // A list page holds up to 500 rows: one read per 500 requests, by the instance index.
      for (let from = 0; from < ids.length; from += 500) {
        const chunk = ids.slice(from, from + 500);
        const rs = await db.client.execute({
          sql: `SELECT a.instance_id, count(*) AS n FROM request_attachments a
                WHERE a.instance_id IN (${placeholders(chunk.length)})
                  AND NOT EXISTS (SELECT 1 FROM request_attachment_removals r WHERE r.attachment_id = a.id)
                GROUP BY a.instance_id`,
          args: chunk,
        });
        for (const row of rs.rows) counts.set(text(row, 'instance_id'), int(row, 'n'));
      }
      return counts;
    },

    async attachmentBytesInUse(sha256) {
      const rs = await db.client.execute({
        sql: `SELECT 1 FROM request_attachments a
              WHERE a.sha256 = ? AND NOT EXISTS (SELECT 1 FROM request_attachment_removals r WHERE r.attachment_id = a.id)
              LIMIT 1`,
        args: [sha256],
      });
      return rs.rows.length > 0;
    },
  };
}
