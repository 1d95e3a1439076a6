import type { InValue, Row } from '@libsql/client';
import type { InstanceSnapshot, InstanceStatus } from '@portalflow/engine';
import { decodeCursor, encodeCursor, pageLimit } from '../cursor.ts';
import type { AuditEvent, InstanceSummary, StoredEvent } from '../records.ts';
import type { Store } from '../types.ts';
import { changeUnit } from './commit.ts';
import type { Db } from './db.ts';
import { referenceKey, referenceLike, sqlReferenceKey, storedKeys } from './reference-match.ts';
import { Conditions, flag, int, text, textOrNull } from './rows.ts';
import { SCAN } from './scan.ts';

const SUMMARY_COLUMNS =
  'id, definition_id, version, status, revision, last_hash, started_at, updated_at, started_by, practice';
export const EVENT_COLUMNS = 'instance_id, seq, at, actor, role, type, payload, prev_hash, hash';

function toSummary(row: Row): InstanceSummary {
  return {
    id: text(row, 'id'),
    definitionId: text(row, 'definition_id'),
    version: int(row, 'version'),
    status: text(row, 'status') as InstanceStatus,
    revision: int(row, 'revision'),
    lastHash: text(row, 'last_hash'),
    startedAt: text(row, 'started_at'),
    updatedAt: text(row, 'updated_at'),
    startedBy: textOrNull(row, 'started_by'),
    practice: flag(row, 'practice'),
  };
}

export function toStoredEvent(row: Row): StoredEvent {
  return {
    instanceId: text(row, 'instance_id'),
    seq: int(row, 'seq'),
    at: text(row, 'at'),
    actor: textOrNull(row, 'actor'),
    role: textOrNull(row, 'role'),
    type: text(row, 'type'),
    payload: text(row, 'payload'),
    prevHash: text(row, 'prev_hash'),
    hash: text(row, 'hash'),
  };
}

type InstanceApi = Pick<Store, 'commitInstanceChange' | 'getInstance' | 'listInstances' | 'listEvents'>;

export function instanceApi(db: Db): InstanceApi {
  return {
    async commitInstanceChange(change) {
      const outcome = await db.queue.submit(changeUnit(change));
      if (outcome.checkActor !== null) {
        // Written nothing for an account: say whether it was disabled (trying again will not help).
        const disabled = await db.client.execute({
          sql: 'SELECT 1 FROM users WHERE id = ? AND disabled = 1',
          args: [outcome.checkActor],
        });
        if (disabled.rows.length > 0) return { ok: false, reason: 'actor-disabled' };
        if (change.actorHolds !== undefined) {
          const holds = await db.client.execute({
            sql: 'SELECT 1 FROM user_roles WHERE user_id = ? AND role = ?',
            args: [outcome.checkActor, change.actorHolds],
          });
          if (holds.rows.length === 0) return { ok: false, reason: 'actor-lacks-role' };
        }
      }
      const given = change.assigneeHolds;
      if (!outcome.result.ok && given !== undefined) {
        // Written nothing for a task handed to someone: say whether that person can no longer take it.
        const person = await db.client.execute({
          sql: `SELECT disabled, ? IS NULL OR EXISTS (SELECT 1 FROM user_roles WHERE user_id = ? AND role = ?) AS holds
                FROM users WHERE id = ?`,
          args: [given.role, given.assignee, given.role, given.assignee],
        });
        const row = person.rows[0];
        if (!row || Number(row.disabled) === 1) return { ok: false, reason: 'assignee-disabled' };
        if (Number(row.holds) !== 1) return { ok: false, reason: 'assignee-lacks-role' };
      }
      if (!outcome.checkCreate) return outcome.result;
      // A create wrote nothing: say whether the id was taken or the version does not exist.
      const rs = await db.client.execute({
        sql: 'SELECT 1 FROM definition_versions WHERE definition_id = ? AND version = ?',
        args: [change.create!.definitionId, change.create!.version],
      });
      return rs.rows.length === 0 ? { ok: false, reason: 'unknown-version' } : outcome.result;
    },

    async getInstance(id) {
      const rs = await db.client.execute({
        sql: `SELECT ${SUMMARY_COLUMNS}, snapshot FROM instances WHERE id = ?`,
        args: [id],
      });
      const row = rs.rows[0];
      if (!row) return null;
      return { ...toSummary(row), snapshot: JSON.parse(text(row, 'snapshot')) as InstanceSnapshot };
    },

    async listInstances(filter = {}) {
      const limit = pageLimit(filter.limit, 50, 500);
      const where = new Conditions().add('practice = ?', filter.practice ? 1 : 0);
      if (filter.definitionId !== undefined) where.add('definition_id = ?', filter.definitionId);
      if (filter.status !== undefined) where.add('status = ?', filter.status);
      if (filter.version !== undefined) where.add('version = ?', filter.version);
      if (filter.startedFrom !== undefined) where.add('started_at >= ?', filter.startedFrom);
      if (filter.startedTo !== undefined) where.add('started_at < ?', filter.startedTo);
      // Before the data match below, so only rows changed since then have their data read.
      if (filter.updatedFrom !== undefined) where.add('updated_at >= ?', filter.updatedFrom);
      if (filter.actor !== undefined) {
        where.add(
          '(started_by = ? OR EXISTS (SELECT 1 FROM instance_actors a WHERE a.actor = ? AND a.instance_id = instances.id))',
          filter.actor,
          filter.actor,
        );
      }
      if (filter.actors !== undefined) {
        if (filter.actors.length === 0) where.add('0 = 1');
        else {
          const marks = filter.actors.map(() => '?').join(', ');
          where.add(
            `(started_by IN (${marks}) OR EXISTS (SELECT 1 FROM instance_actors a WHERE a.actor IN (${marks}) AND a.instance_id = instances.id))`,
            ...filter.actors,
            ...filter.actors,
          );
        }
      }
      if (filter.dataValue !== undefined) {
        // Rows without the reference are dropped by LIKE (which ignores ASCII case) before their data
        // is parsed (a third of the time on 100,000 instances). `%` and `_` in the value only widen
        // this first cut; the match below decides.
        const key = referenceKey(filter.dataValue);
        const like = referenceLike(filter.dataValue);
        if (key === '') where.add('0 = 1');
        if (like !== null) where.add('snapshot LIKE ?', like);
        // Any top-level text value of the data: references live in fields each workflow names itself.
        where.add(
          `EXISTS (SELECT 1 FROM json_each(instances.snapshot, '$.context.data') d
                   WHERE d.type = 'text' AND lower(${sqlReferenceKey('d.value')}) IN (lower(?), lower(?)))`,
          ...storedKeys(key),
        );
      }
      if (filter.cursor)
        where.add('(started_at, id) < (?, ?)', ...(decodeCursor(filter.cursor, 2) as InValue[]));
      // A search through instance data reads every candidate's snapshot: a long read.
      const rs = await db.client.execute({
        sql: `${filter.dataValue === undefined ? '' : SCAN}SELECT ${SUMMARY_COLUMNS} FROM instances WHERE ${where.parts.join(' AND ')}
              ORDER BY started_at DESC, id DESC LIMIT ?`,
        args: [...where.args, limit + 1],
      });
      const items = rs.rows.slice(0, limit).map(toSummary);
      const last = items[items.length - 1];
      return {
        items,
        nextCursor: rs.rows.length > limit && last ? encodeCursor([last.startedAt, last.id]) : null,
      };
    },

    async listEvents(instanceId, range = {}) {
      const rs = await db.client.execute({
        sql: `SELECT ${EVENT_COLUMNS} FROM events WHERE instance_id = ? AND seq >= ? AND seq <= ? ORDER BY seq`,
        args: [instanceId, range.fromSeq ?? 1, range.toSeq ?? Number.MAX_SAFE_INTEGER],
      });
      return rs.rows.map((row): AuditEvent => {
        const stored = toStoredEvent(row);
        return { ...stored, payload: JSON.parse(stored.payload) };
      });
    },
  };
}
