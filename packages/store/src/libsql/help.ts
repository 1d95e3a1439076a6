import { randomUUID } from 'node:crypto';
import type { InStatement, Row } from '@libsql/client';
import type { HelpAction, HelpClinic, HelpEntry, HelpEntryChange, HelpStore, HelpVideo } from '../help.ts';
import type { Db } from './db.ts';
import { Conditions, json, text, textOrNull } from './rows.ts';

function toClinic(row: Row): HelpClinic {
  return {
    slug: text(row, 'slug'),
    name: text(row, 'name'),
    createdAt: text(row, 'created_at'),
    updatedAt: text(row, 'updated_at'),
  };
}

function toEntry(row: Row): HelpEntry {
  return {
    id: text(row, 'id'),
    clinic: text(row, 'clinic'),
    kind: text(row, 'kind') as HelpEntry['kind'],
    audience: text(row, 'audience') as HelpEntry['audience'],
    language: text(row, 'language'),
    category: text(row, 'category'),
    tags: json(row, 'tags') as string[],
    title: text(row, 'title'),
    body: text(row, 'body'),
    videoUrl: textOrNull(row, 'video_url'),
    video: row.video === null || row.video === undefined ? null : (json(row, 'video') as HelpVideo),
    translationOf: textOrNull(row, 'translation_of'),
    status: text(row, 'status') as HelpEntry['status'],
    revision: Number(row.revision),
    createdAt: text(row, 'created_at'),
    createdBy: textOrNull(row, 'created_by'),
    updatedAt: text(row, 'updated_at'),
    updatedBy: textOrNull(row, 'updated_by'),
    publishedAt: textOrNull(row, 'published_at'),
  };
}

function toChange(row: Row): HelpEntryChange {
  return {
    entryId: text(row, 'entry_id'),
    seq: Number(row.seq),
    at: text(row, 'at'),
    userId: textOrNull(row, 'user_id'),
    action: text(row, 'action') as HelpAction,
    changes: json(row, 'changes') as HelpEntryChange['changes'],
  };
}

/** The fields an edit may change; their old → new values are what the history records. */
const EDITABLE = [
  'kind',
  'audience',
  'language',
  'category',
  'tags',
  'title',
  'body',
  'videoUrl',
  'video',
  'translationOf',
  'status',
] as const;

/**
 * An entry with its translation link. The link is the value its edit history last recorded (each
 * edit of it is there, who and when): it lives beside the entry without a column of its own.
 */
const ENTRY_SELECT = `SELECT help_entries.*, (
    SELECT json_extract(c.changes, '$.translationOf.to') FROM help_entry_changes c
     WHERE c.entry_id = help_entries.id AND json_type(c.changes, '$.translationOf') IS NOT NULL
     ORDER BY c.seq DESC LIMIT 1) AS translation_of
  FROM help_entries`;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Appends the history row only if the statement before it changed a row. */
function changeRow(entryId: string, at: string, userId: string | null, action: HelpAction, changes: object) {
  return {
    sql: `INSERT INTO help_entry_changes (entry_id, seq, at, user_id, action, changes)
          SELECT ?, coalesce((SELECT max(seq) FROM help_entry_changes WHERE entry_id = ?), 0) + 1, ?, ?, ?, ?
          WHERE changes() = 1`,
    args: [entryId, entryId, at, userId, action, JSON.stringify(changes)],
  };
}

export function helpApi(db: Db): HelpStore {
  const getEntry = async (id: string) => {
    const rs = await db.client.execute({ sql: `${ENTRY_SELECT} WHERE id = ?`, args: [id] });
    return rs.rows[0] ? toEntry(rs.rows[0]) : null;
  };

  return {
    async putHelpClinic({ slug, name, at }) {
      const now = at ?? db.now();
      await db.client.execute({
        sql: `INSERT INTO help_clinics (slug, name, created_at, updated_at) VALUES (?, ?, ?, ?)
              ON CONFLICT (slug) DO UPDATE SET name = excluded.name, updated_at = excluded.updated_at`,
        args: [slug, name, now, now],
      });
      return (await this.getHelpClinic(slug))!;
    },

    async getHelpClinic(slug) {
      const rs = await db.client.execute({ sql: 'SELECT * FROM help_clinics WHERE slug = ?', args: [slug] });
      return rs.rows[0] ? toClinic(rs.rows[0]) : null;
    },

    async listHelpClinics() {
      return (await db.client.execute('SELECT * FROM help_clinics ORDER BY name, slug')).rows.map(toClinic);
    },

    async createHelpEntry(input) {
      const at = input.at ?? db.now();
      const id = randomUUID();
      const status = input.status ?? 'draft';
      const entry: Omit<HelpEntry, 'createdAt' | 'updatedAt'> = {
        id,
        clinic: input.clinic,
        kind: input.kind,
        audience: input.audience,
        language: input.language,
        category: input.category,
        tags: input.tags,
        title: input.title,
        body: input.body,
        videoUrl: input.videoUrl,
        video: input.video ?? null,
        translationOf: input.translationOf ?? null,
        status,
        revision: 1,
        createdBy: input.userId,
        updatedBy: input.userId,
        publishedAt: status === 'published' ? at : null,
      };
      const created = Object.fromEntries(EDITABLE.map((f) => [f, { from: null, to: entry[f] }]));
      const [insert] = await db.client.batch(
        [
          {
            sql: `INSERT INTO help_entries (id, clinic, kind, audience, language, category, tags, title, body,
                    video_url, video, status, revision, created_at, created_by, updated_at, updated_by, published_at)
                  SELECT ?, slug, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ? FROM help_clinics WHERE slug = ?`,
            args: [
              id,
              entry.kind,
              entry.audience,
              entry.language,
              entry.category,
              JSON.stringify(entry.tags),
              entry.title,
              entry.body,
              entry.videoUrl,
              entry.video ? JSON.stringify(entry.video) : null,
              status,
              at,
              input.userId,
              at,
              input.userId,
              entry.publishedAt,
              input.clinic,
            ],
          },
          changeRow(id, at, input.userId, 'created', created),
        ],
        'write',
      );
      if (insert?.rowsAffected !== 1) return null;
      return getEntry(id);
    },

    getHelpEntry: getEntry,

    async listHelpEntries(filter = {}) {
      const where = new Conditions();
      if (filter.clinic !== undefined) where.add('clinic = ?', filter.clinic);
      if (filter.audience !== undefined) where.add('audience = ?', filter.audience);
      if (filter.status !== undefined) where.add('status = ?', filter.status);
      if (filter.language !== undefined) where.add('language = ?', filter.language);
      const rs = await db.client.execute({
        sql: `${ENTRY_SELECT} ${where.parts.length ? `WHERE ${where.parts.join(' AND ')}` : ''}
              ORDER BY category, title, id`,
        args: where.args,
      });
      return rs.rows.map(toEntry);
    },

    async updateHelpEntry({ id, expectedRevision, patch, userId, at }) {
      const current = await getEntry(id);
      if (!current) return { ok: false, reason: 'not-found' };
      if (current.revision !== expectedRevision) return { ok: false, reason: 'conflict', current };
      const now = at ?? db.now();
      const next: HelpEntry = { ...current };
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const field of EDITABLE) {
        const value = patch[field];
        if (value === undefined || same(value, current[field])) continue;
        changes[field] = { from: current[field], to: value };
        (next as unknown as Record<string, unknown>)[field] = value;
      }
      if (Object.keys(changes).length === 0) return { ok: true, entry: current };
      const action: HelpAction =
        changes.status === undefined ? 'edited' : next.status === 'published' ? 'published' : 'unpublished';
      const publishedAt =
        action === 'published' ? now : next.status === 'published' ? current.publishedAt : null;
      const statements: InStatement[] = [
        {
          sql: `UPDATE help_entries SET kind = ?, audience = ?, language = ?, category = ?, tags = ?, title = ?,
                  body = ?, video_url = ?, video = ?, status = ?, published_at = ?, revision = revision + 1,
                  updated_at = ?, updated_by = ?
                WHERE id = ? AND revision = ?`,
          args: [
            next.kind,
            next.audience,
            next.language,
            next.category,
            JSON.stringify(next.tags),
            next.title,
            next.body,
            next.videoUrl,
            next.video ? JSON.stringify(next.video) : null,
            next.status,
            publishedAt,
            now,
            userId,
            id,
            expectedRevision,
          ],
        },
        changeRow(id, now, userId, action, changes),
      ];
      const [update] = await db.client.batch(statements, 'write');
      if (update?.rowsAffected !== 1) {
        const latest = await getEntry(id);
        return latest
          ? { ok: false, reason: 'conflict', current: latest }
          : { ok: false, reason: 'not-found' };
      }
      return { ok: true, entry: (await getEntry(id))! };
    },

    async deleteHelpEntry({ id, expectedRevision, userId, at }) {
      const current = await getEntry(id);
      if (!current) return { ok: false, reason: 'not-found' };
      if (current.revision !== expectedRevision) return { ok: false, reason: 'conflict', current };
      const removed = Object.fromEntries(EDITABLE.map((f) => [f, { from: current[f], to: null }]));
      const [del] = await db.client.batch(
        [
          { sql: 'DELETE FROM help_entries WHERE id = ? AND revision = ?', args: [id, expectedRevision] },
          changeRow(id, at ?? db.now(), userId, 'deleted', removed),
        ],
        'write',
      );
      if (del?.rowsAffected !== 1) {
        const latest = await getEntry(id);
        return latest
          ? { ok: false, reason: 'conflict', current: latest }
          : { ok: false, reason: 'not-found' };
      }
      return { ok: true, entry: current };
    },

    async listHelpEntryChanges(entryId) {
      const rs = await db.client.execute({
        sql: 'SELECT * FROM help_entry_changes WHERE entry_id = ? ORDER BY seq',
        args: [entryId],
      });
      return rs.rows.map(toChange);
    },

    async listHelpClinicChanges(clinic) {
      const rs = await db.client.execute({
        sql: `SELECT c.* FROM help_entry_changes c JOIN help_entries e ON e.id = c.entry_id
              WHERE e.clinic = ? ORDER BY c.entry_id, c.seq`,
        args: [clinic],
      });
      return rs.rows.map(toChange);
    },
  };
}
