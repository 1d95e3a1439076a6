import type { Row } from '@libsql/client';
import { type Definition, ID_RULE, isId } from '@portalflow/engine';
import { StoreError } from '../errors.ts';
import { definitionHash } from '../hash.ts';
import type { DefinitionVersion, Draft, VersionSummary } from '../records.ts';
import type { Store } from '../types.ts';
import type { Db } from './db.ts';
import { int, json, text, textOrNull } from './rows.ts';

const DRAFT_COLUMNS = 'id, title, definition, layout, revision, updated_at, updated_by';
/** Parsed published versions kept per store. */
const VERSION_CACHE = 256;
const VERSION_SUMMARY_COLUMNS = 'definition_id, version, content_hash, published_at, published_by';

function toDraft(row: Row): Draft {
  return {
    id: text(row, 'id'),
    title: text(row, 'title'),
    definition: json(row, 'definition'),
    layout: json(row, 'layout'),
    revision: int(row, 'revision'),
    updatedAt: text(row, 'updated_at'),
    updatedBy: textOrNull(row, 'updated_by'),
  };
}

function toVersionSummary(row: Row): VersionSummary {
  return {
    definitionId: text(row, 'definition_id'),
    version: int(row, 'version'),
    contentHash: text(row, 'content_hash'),
    publishedAt: text(row, 'published_at'),
    publishedBy: textOrNull(row, 'published_by'),
  };
}

function toVersion(row: Row): DefinitionVersion {
  return {
    ...toVersionSummary(row),
    definition: json(row, 'definition') as Definition,
    layout: json(row, 'layout'),
  };
}

type DefinitionApi = Pick<
  Store,
  'saveDraft' | 'getDraft' | 'listDefinitions' | 'listPublished' | 'publish' | 'getVersion' | 'listVersions'
>;

export function definitionApi(db: Db): DefinitionApi {
  const getDraft = async (id: string) => {
    const rs = await db.client.execute({
      sql: `SELECT ${DRAFT_COLUMNS} FROM definitions WHERE id = ?`,
      args: [id],
    });
    return rs.rows[0] ? toDraft(rs.rows[0]) : null;
  };

  // A published version never changes, so it is read and parsed once: every instance start asks for
  // one (the latest), and its definition and layout are the largest JSON the store holds. Only which
  // version is the latest is read each time, from the primary key alone.
  const versions = new Map<string, DefinitionVersion>();
  const getVersion = async (definitionId: string, version?: number) => {
    let wanted = version;
    if (wanted === undefined) {
      const latest = await db.client.execute({
        sql: 'SELECT max(version) AS version FROM definition_versions WHERE definition_id = ?',
        args: [definitionId],
      });
      const row = latest.rows[0];
      if (!row || row.version === null) return null;
      wanted = int(row, 'version');
    }
    const key = `${definitionId}\0${wanted}`;
    let found = versions.get(key);
    if (found === undefined) {
      const rs = await db.client.execute({
        sql: 'SELECT * FROM definition_versions WHERE definition_id = ? AND version = ?',
        args: [definitionId, wanted],
      });
      if (!rs.rows[0]) return null;
      found = toVersion(rs.rows[0]);
      if (versions.size >= VERSION_CACHE) versions.delete(versions.keys().next().value!);
      versions.set(key, found);
    }
    // A copy of the record; the definition and layout objects are shared and must not be edited.
    return { ...found };
  };

  return {
    getDraft,
    getVersion,

    async saveDraft(input) {
      // Every way a workflow is stored passes here: an id outside the pattern never reaches a row (it
      // would end up in URLs, file names, log lines and exports).
      if (!isId(input.id))
        throw new StoreError('CHANGE_INVALID', `Workflow id ${JSON.stringify(input.id)}: ${ID_RULE}`);
      const at = input.at ?? db.now();
      const definition = JSON.stringify(input.definition ?? null);
      const layout = input.layout === undefined ? undefined : JSON.stringify(input.layout ?? null);
      let changed: number;
      if (input.expectedRevision === 0) {
        const rs = await db.client.execute({
          sql: `INSERT INTO definitions (id, title, definition, layout, revision, updated_at, updated_by)
                VALUES (?, ?, ?, ?, 1, ?, ?) ON CONFLICT (id) DO NOTHING`,
          args: [input.id, input.title, definition, layout ?? null, at, input.updatedBy ?? null],
        });
        changed = rs.rowsAffected;
      } else {
        const rs = await db.client.execute({
          sql: `UPDATE definitions SET title = ?, definition = ?, ${layout === undefined ? '' : 'layout = ?, '}
                  revision = revision + 1, updated_at = ?, updated_by = ?
                WHERE id = ? AND revision = ?`,
          args: [
            input.title,
            definition,
            ...(layout === undefined ? [] : [layout]),
            at,
            input.updatedBy ?? null,
            input.id,
            input.expectedRevision,
          ],
        });
        changed = rs.rowsAffected;
      }
      const current = await getDraft(input.id);
      if (changed === 1 && current) return { ok: true, draft: current };
      if (!current && input.expectedRevision !== 0) return { ok: false, reason: 'not-found' };
      return { ok: false, reason: 'conflict', current };
    },

    async listDefinitions() {
      const rs = await db.client.execute(
        `SELECT d.id, d.title, d.revision, d.updated_at, d.updated_by, v.version AS latest_version, v.published_at,
                r.retired_at
         FROM definitions d
         LEFT JOIN definition_retirements r ON r.definition_id = d.id
         LEFT JOIN definition_versions v ON v.definition_id = d.id
           AND v.version = (SELECT max(version) FROM definition_versions WHERE definition_id = d.id)
         ORDER BY d.title, d.id`,
      );
      return rs.rows.map((row) => ({
        id: text(row, 'id'),
        title: text(row, 'title'),
        revision: int(row, 'revision'),
        updatedAt: text(row, 'updated_at'),
        updatedBy: textOrNull(row, 'updated_by'),
        latestVersion: row.latest_version === null ? null : int(row, 'latest_version'),
        latestPublishedAt: textOrNull(row, 'published_at'),
        retiredAt: textOrNull(row, 'retired_at'),
      }));
    },

    async listPublished() {
      const rs = await db.client.execute(
        `SELECT v.definition_id, json_extract(v.definition, '$.title') AS title, v.version, v.published_at,
                r.retired_at
         FROM definition_versions v
         LEFT JOIN definition_retirements r ON r.definition_id = v.definition_id
         WHERE v.version = (SELECT max(version) FROM definition_versions WHERE definition_id = v.definition_id)
         ORDER BY title, v.definition_id`,
      );
      return rs.rows.map((row) => ({
        id: text(row, 'definition_id'),
        title: text(row, 'title'),
        latestVersion: int(row, 'version'),
        latestPublishedAt: text(row, 'published_at'),
        retiredAt: textOrNull(row, 'retired_at'),
      }));
    },

    /**
     * Copies the draft, at the revision the caller checked, into version n+1 — in one statement, so two
     * publishers cannot both claim n+1 — unless the latest version already has the same content hash.
     */
    async publish(input) {
      const draft = await getDraft(input.definitionId);
      if (!draft) return { ok: false, reason: 'not-found' };
      const revision = input.expectedRevision ?? draft.revision;
      if (revision !== draft.revision) return { ok: false, reason: 'conflict', current: draft };
      const hash = definitionHash(draft.definition);
      const rs = await db.client.execute({
        sql: `INSERT INTO definition_versions (definition_id, version, content_hash, definition, layout, published_at, published_by)
              SELECT d.id, coalesce((SELECT max(version) FROM definition_versions WHERE definition_id = d.id), 0) + 1,
                     ?, d.definition, d.layout, ?, ?
              FROM definitions d
              WHERE d.id = ? AND d.revision = ? AND coalesce(
                (SELECT content_hash FROM definition_versions WHERE definition_id = d.id ORDER BY version DESC LIMIT 1), '') <> ?`,
        args: [hash, input.at ?? db.now(), input.publishedBy ?? null, draft.id, revision, hash],
      });
      if (rs.rowsAffected === 1) {
        const created = await db.client.execute({
          sql: 'SELECT * FROM definition_versions WHERE definition_id = ? AND content_hash = ? ORDER BY version DESC LIMIT 1',
          args: [draft.id, hash],
        });
        return { ok: true, version: toVersion(created.rows[0]!), created: true };
      }
      const latest = await getVersion(draft.id);
      if (latest && latest.contentHash === hash) return { ok: true, version: latest, created: false };
      const current = await getDraft(draft.id);
      return current ? { ok: false, reason: 'conflict', current } : { ok: false, reason: 'not-found' };
    },

    async listVersions(definitionId) {
      const rs = await db.client.execute({
        sql: `SELECT ${VERSION_SUMMARY_COLUMNS} FROM definition_versions WHERE definition_id = ? ORDER BY version`,
        args: [definitionId],
      });
      return rs.rows.map(toVersionSummary);
    },
  };
}
