import { randomUUID } from 'node:crypto';
import type { InStatement, Row } from '@libsql/client';
import { StoreError } from '../errors.ts';
import { GENESIS_HASH } from '../hash.ts';
import { auditedValues, diffValues, entryChangeHash, verifyEntryChain } from '../tracking/entry-audit.ts';
import type {
  FieldChange,
  TrackingEntry,
  TrackingEntryChange,
  TrackingEntryKind,
  TrackingEntryResult,
} from '../tracking/types.ts';
import type { Store } from '../types.ts';
import type { Db } from './db.ts';
import { Conditions, int, json, text } from './rows.ts';

const COLUMNS =
  'id, user_id, kind, day, fields, revision, deleted, last_hash, created_at, created_by, updated_at, updated_by';
const KINDS = new Set(['shift', 'training', 'support', 'faq', 'project']);
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function toEntry(row: Row): TrackingEntry & { deleted: boolean; lastHash: string } {
  return {
    id: text(row, 'id'),
    userId: text(row, 'user_id'),
    kind: text(row, 'kind') as TrackingEntryKind,
    day: text(row, 'day'),
    fields: json(row, 'fields') as Record<string, unknown>,
    revision: int(row, 'revision'),
    createdAt: text(row, 'created_at'),
    createdBy: text(row, 'created_by'),
    updatedAt: text(row, 'updated_at'),
    updatedBy: text(row, 'updated_by'),
    deleted: int(row, 'deleted') === 1,
    lastHash: text(row, 'last_hash'),
  };
}

const publicEntry = ({
  deleted: _d,
  lastHash: _h,
  ...entry
}: TrackingEntry & { deleted: boolean; lastHash: string }): TrackingEntry => entry;

function toChange(row: Row): TrackingEntryChange {
  return {
    entryId: text(row, 'entry_id'),
    seq: int(row, 'seq'),
    at: text(row, 'at'),
    actor: text(row, 'actor'),
    action: text(row, 'action') as TrackingEntryChange['action'],
    changes: json(row, 'changes') as FieldChange[],
    prevHash: text(row, 'prev_hash'),
    hash: text(row, 'hash'),
  };
}

/**
 * Manual tracking-sheet entries. Each create, edit and delete is one batch: the entry row moves only
 * if it is still at the revision read (stamping a fresh commit token), and the audit row — old → new
 * values, who, when, chained by hash to the entry's previous change — is written only if it did.
 */
export function trackingEntryApi(
  db: Db,
): Pick<
  Store,
  | 'createTrackingEntry'
  | 'updateTrackingEntry'
  | 'deleteTrackingEntry'
  | 'getTrackingEntry'
  | 'listTrackingEntries'
  | 'listTrackingEntryChanges'
  | 'verifyTrackingEntry'
> {
  async function read(id: string) {
    const rs = await db.client.execute({
      sql: `SELECT ${COLUMNS} FROM tracking_entries WHERE id = ?`,
      args: [id],
    });
    return rs.rows[0] ? toEntry(rs.rows[0]) : null;
  }

  function auditStatement(
    change: Omit<TrackingEntryChange, 'hash'> & { hash: string },
    token: string,
  ): InStatement {
    return {
      sql: `INSERT INTO tracking_entry_audit (entry_id, seq, at, actor, action, changes, prev_hash, hash)
            SELECT ?, ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM tracking_entries WHERE id = ? AND commit_token = ?)`,
      args: [
        change.entryId,
        change.seq,
        change.at,
        change.actor,
        change.action,
        JSON.stringify(change.changes),
        change.prevHash,
        change.hash,
        change.entryId,
        token,
      ],
    };
  }

  function checkDay(day: string) {
    if (!DAY.test(day)) throw new StoreError('QUERY_INVALID', `Day '${day}' is not YYYY-MM-DD`);
  }

  async function change(
    edit: { id: string; expectedRevision: number; actor: string; at?: string },
    action: 'update' | 'delete',
    next: (current: TrackingEntry) => { day: string; fields: Record<string, unknown> },
  ): Promise<TrackingEntryResult> {
    const current = await read(edit.id);
    if (!current || current.deleted) return { ok: false, reason: 'not-found' };
    if (current.revision !== edit.expectedRevision)
      return { ok: false, reason: 'conflict', current: publicEntry(current) };
    const target = next(current);
    checkDay(target.day);
    const at = edit.at ?? db.now();
    const changes =
      action === 'delete'
        ? diffValues(auditedValues(current), {})
        : diffValues(auditedValues(current), auditedValues({ ...current, ...target }));
    const seq = current.revision + 1;
    const fields = {
      entryId: edit.id,
      seq,
      at,
      actor: edit.actor,
      action,
      changes,
      prevHash: current.lastHash,
    };
    const hash = entryChangeHash(fields);
    const token = randomUUID();
    const results = await db.client.batch(
      [
        {
          sql: `UPDATE tracking_entries SET day = ?, fields = ?, revision = revision + 1, deleted = ?, last_hash = ?,
                  commit_token = ?, updated_at = ?, updated_by = ?
                WHERE id = ? AND revision = ? AND deleted = 0 AND last_hash = ?`,
          args: [
            target.day,
            JSON.stringify(target.fields),
            action === 'delete' ? 1 : 0,
            hash,
            token,
            at,
            edit.actor,
            edit.id,
            edit.expectedRevision,
            current.lastHash,
          ],
        },
        auditStatement({ ...fields, hash }, token),
      ],
      'write',
    );
    if (results[0]?.rowsAffected !== 1) {
      const now = await read(edit.id);
      return now && !now.deleted
        ? { ok: false, reason: 'conflict', current: publicEntry(now) }
        : { ok: false, reason: 'not-found' };
    }
    return { ok: true, entry: publicEntry((await read(edit.id))!) };
  }

  return {
    async createTrackingEntry(input) {
      if (!KINDS.has(input.kind)) throw new StoreError('QUERY_INVALID', `Unknown entry kind '${input.kind}'`);
      checkDay(input.day);
      const id = input.id ?? randomUUID();
      const at = input.at ?? db.now();
      const changes = diffValues({}, auditedValues(input));
      const fields = {
        entryId: id,
        seq: 1,
        at,
        actor: input.actor,
        action: 'create' as const,
        changes,
        prevHash: GENESIS_HASH,
      };
      const hash = entryChangeHash(fields);
      const token = randomUUID();
      const results = await db.client.batch(
        [
          {
            sql: `INSERT INTO tracking_entries (id, user_id, kind, day, fields, revision, last_hash, commit_token,
                    created_at, created_by, updated_at, updated_by)
                  VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
            args: [
              id,
              input.userId,
              input.kind,
              input.day,
              JSON.stringify(input.fields),
              hash,
              token,
              at,
              input.actor,
              at,
              input.actor,
            ],
          },
          auditStatement({ ...fields, hash }, token),
        ],
        'write',
      );
      if (results[0]?.rowsAffected !== 1)
        throw new StoreError('QUERY_INVALID', `A tracking entry with id '${id}' exists`);
      return publicEntry((await read(id))!);
    },

    updateTrackingEntry(edit) {
      return change(edit, 'update', (current) => ({
        day: edit.day ?? current.day,
        fields: edit.fields ?? current.fields,
      }));
    },

    deleteTrackingEntry(edit) {
      return change(edit, 'delete', (current) => ({ day: current.day, fields: current.fields }));
    },

    async getTrackingEntry(id) {
      const entry = await read(id);
      return entry && !entry.deleted ? publicEntry(entry) : null;
    },

    async listTrackingEntries(q) {
      checkDay(q.fromDay);
      checkDay(q.toDay);
      const where = new Conditions().add('deleted = 0 AND day >= ? AND day <= ?', q.fromDay, q.toDay);
      if (q.userId !== undefined) where.add('user_id = ?', q.userId);
      if (q.kind !== undefined) where.add('kind = ?', q.kind);
      const rs = await db.client.execute({
        sql: `SELECT ${COLUMNS} FROM tracking_entries WHERE ${where.parts.join(' AND ')} ORDER BY day, created_at, id`,
        args: where.args,
      });
      return rs.rows.map((r) => publicEntry(toEntry(r)));
    },

    async listTrackingEntryChanges(id) {
      const rs = await db.client.execute({
        sql: 'SELECT * FROM tracking_entry_audit WHERE entry_id = ? ORDER BY seq',
        args: [id],
      });
      return rs.rows.map(toChange);
    },

    async verifyTrackingEntry(id) {
      const [entry, rows] = await Promise.all([
        read(id),
        db.client.execute({
          sql: 'SELECT * FROM tracking_entry_audit WHERE entry_id = ? ORDER BY seq',
          args: [id],
        }),
      ]);
      if (!entry) return { ok: false, entryId: id, seq: 0, reason: `entry '${id}' does not exist` };
      const check = verifyEntryChain(id, rows.rows.map(toChange));
      if (!check.ok) return check;
      if (check.lastHash !== entry.lastHash || check.count !== entry.revision)
        return {
          ok: false,
          entryId: id,
          seq: check.count,
          reason: `entry '${id}' does not point at its last change`,
        };
      return check;
    },
  };
}
