import { randomUUID } from 'node:crypto';
import type { InStatement, InValue, ResultSet } from '@libsql/client';
import { canonicalJson } from '@portalflow/engine';
import type { CommitResult, InstanceChange, TaskChange, TimerChange } from '../change.ts';
import { StoreError } from '../errors.ts';
import { GENESIS_HASH, hashInput, sha256Hex } from '../hash.ts';
import type { BatchUnit } from './group-commit.ts';
import { checkNoteDraft, noteInsert } from './notes.ts';

/** Written after the instance row: true only if this change's own first statement moved the row. */
const WON = 'EXISTS (SELECT 1 FROM instances WHERE id = ? AND commit_token = ?)';

const HEX64 = /^[0-9a-f]{64}$/;
const STATUSES = new Set(['active', 'done', 'cancelled']);
const NOTIFICATION_KINDS = new Set(['assigned', 'overdue', 'escalated']);

/** What the batch reports back, plus whether a failed create needs a follow-up look. */
export interface ChangeOutcome {
  result: CommitResult;
  /** A create that wrote nothing: the id was taken or the version is missing. */
  checkCreate: boolean;
}

function validate(change: InstanceChange): void {
  const fail = (why: string) => {
    throw new StoreError('CHANGE_INVALID', `Change to instance '${change.instanceId}': ${why}`);
  };
  if (typeof change.instanceId !== 'string' || change.instanceId.length === 0) fail('instanceId is required');
  if (!Number.isInteger(change.expectedRevision) || change.expectedRevision < 0)
    fail('expectedRevision must be an integer ≥ 0');
  if (change.pin && (change.create || !Number.isInteger(change.pin.to) || change.pin.to < 1))
    fail('a pin moves an existing instance to a version ≥ 1');
  if ((change.expectedRevision === 0) !== (change.create !== undefined)) {
    fail(
      'a new instance needs expectedRevision 0 and `create`; an existing one, its revision and no `create`',
    );
  }
  if (!HEX64.test(change.event.prevHash)) fail('event.prevHash must be 64 lowercase hex digits');
  if (change.create && change.event.prevHash !== GENESIS_HASH)
    fail('the first event of an instance has prevHash GENESIS_HASH');
  if (typeof change.event.at !== 'string' || typeof change.event.type !== 'string')
    fail('event.at and event.type are required');
  if (!change.snapshot || !STATUSES.has(change.snapshot.status))
    fail('snapshot with status active, done or cancelled is required');
  // A row that breaks a constraint would fail the whole shared batch, so catch it here, alone.
  for (const t of change.tasks ?? []) {
    if (typeof t.token !== 'string' || !t.token) fail('every task change needs a token');
    if (t.op === 'open' && ![t.step, t.title, t.role, t.openedAt].every((v) => typeof v === 'string')) {
      fail(`task '${t.token}' needs step, title, role and openedAt to open`);
    }
    if (t.op === 'close' && typeof t.closedAt !== 'string') fail(`task '${t.token}' needs closedAt to close`);
  }
  for (const t of change.timers ?? []) {
    if (typeof t.timerId !== 'string' || !t.timerId) fail('every timer change needs a timerId');
    if (t.op === 'set' && typeof t.due !== 'string') fail(`timer '${t.timerId}' needs a due time`);
  }
  for (const n of change.notifications ?? []) {
    if (!NOTIFICATION_KINDS.has(n.kind))
      fail(`notification kind '${n.kind}' is not assigned, overdue or escalated`);
    if (!n.userId && !n.role) fail('a notification is addressed to a user or a role');
  }
  for (const n of change.notes ?? []) checkNoteDraft(n);
}

/**
 * The statements for one change, all conditional on the revision read: the first moves the instance row
 * (or inserts it) and stamps a fresh commit token; every later one is guarded by that token, so a stale
 * change writes nothing and the first statement's rowsAffected says whether it won.
 */
export function changeUnit(change: InstanceChange): BatchUnit<ChangeOutcome> {
  validate(change);
  const { instanceId, expectedRevision, event } = change;
  const token = randomUUID();
  const seq = expectedRevision + 1;
  const actor = event.actor ?? null;
  const role = event.role ?? null;
  const payload = canonicalJson(event.payload);
  const hash = sha256Hex(
    hashInput(
      { instanceId, seq, at: event.at, actor, role, type: event.type, prevHash: event.prevHash },
      payload,
    ),
  );
  const snapshot = JSON.stringify(change.snapshot);
  const status = change.snapshot.status;
  const guard: InValue[] = [instanceId, token];

  const statements: InStatement[] = [];
  if (change.create) {
    const c = change.create;
    statements.push({
      sql: `INSERT INTO instances (id, definition_id, version, status, snapshot, revision, last_hash, commit_token,
              started_at, updated_at, started_by, practice)
            SELECT ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?
            WHERE EXISTS (SELECT 1 FROM definition_versions WHERE definition_id = ? AND version = ?)
            ON CONFLICT (id) DO NOTHING`,
      args: [
        instanceId,
        c.definitionId,
        c.version,
        status,
        snapshot,
        hash,
        token,
        event.at,
        event.at,
        c.startedBy ?? null,
        c.practice ? 1 : 0,
        c.definitionId,
        c.version,
      ],
    });
  } else if (change.pin) {
    const { from, to } = change.pin;
    statements.push({
      sql: `UPDATE instances SET revision = revision + 1, commit_token = ?, snapshot = ?, status = ?, last_hash = ?, updated_at = ?,
              version = ?
            WHERE id = ? AND revision = ? AND last_hash = ? AND version = ?
              AND EXISTS (SELECT 1 FROM definition_versions v WHERE v.definition_id = instances.definition_id AND v.version = ?)`,
      args: [
        token,
        snapshot,
        status,
        hash,
        event.at,
        to,
        instanceId,
        expectedRevision,
        event.prevHash,
        from,
        to,
      ],
    });
  } else {
    statements.push({
      sql: `UPDATE instances SET revision = revision + 1, commit_token = ?, snapshot = ?, status = ?, last_hash = ?, updated_at = ?
            WHERE id = ? AND revision = ? AND last_hash = ?`,
      args: [token, snapshot, status, hash, event.at, instanceId, expectedRevision, event.prevHash],
    });
  }
  statements.push({
    sql: `INSERT INTO events (instance_id, seq, at, actor, role, type, payload, prev_hash, hash)
          SELECT ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE ${WON}`,
    args: [instanceId, seq, event.at, actor, role, event.type, payload, event.prevHash, hash, ...guard],
  });
  for (const t of change.tasks ?? []) statements.push(taskStatement(instanceId, t, guard));
  for (const t of change.timers ?? []) statements.push(timerStatement(instanceId, t, guard));
  for (const n of change.notifications ?? []) {
    statements.push({
      sql: `INSERT INTO notifications (id, user_id, role, kind, task_id, instance_id, created_at)
            SELECT ?, ?, ?, ?, ?, ?, ? WHERE ${WON}`,
      args: [
        randomUUID(),
        n.userId ?? null,
        n.role ?? null,
        n.kind,
        n.taskToken ? `${instanceId}:${n.taskToken}` : null,
        instanceId,
        n.createdAt,
        ...guard,
      ],
    });
  }
  for (const a of change.access ?? []) {
    statements.push({
      sql: `INSERT INTO access_log (at, user_id, role, action, instance_id, data_category, outcome, detail, emergency_access_id)
            SELECT ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE ${WON}`,
      args: [
        a.at,
        a.userId ?? null,
        a.role ?? null,
        a.action,
        a.instanceId ?? null,
        a.dataCategory ?? null,
        a.outcome,
        a.detail ?? null,
        a.emergencyAccessId ?? null,
        ...guard,
      ],
    });
  }
  for (const n of change.notes ?? []) {
    const id = randomUUID();
    statements.push(noteInsert(instanceId, n, id, { sql: 'i.commit_token = ?', args: [token] }));
  }
  if (change.pin?.runId) {
    statements.push({
      sql: `INSERT INTO migration_results (run_id, instance_id, status, reason, seq, at)
            SELECT ?, ?, 'migrated', NULL, ?, ? WHERE ${WON}
            ON CONFLICT (run_id, instance_id) DO UPDATE SET status = 'migrated', reason = NULL, seq = excluded.seq, at = excluded.at`,
      args: [change.pin.runId, instanceId, seq, event.at, ...guard],
    });
  }
  const idem = change.idempotency;
  if (idem) {
    statements.push({
      sql: `INSERT INTO idempotency (key, user_id, route, status, response, created_at)
            SELECT ?, ?, ?, ?, ?, ? WHERE ${WON} ON CONFLICT (key, user_id) DO NOTHING`,
      args: [
        idem.key,
        idem.userId,
        idem.route,
        idem.status,
        JSON.stringify(idem.response ?? null),
        event.at,
        ...guard,
      ],
    });
  }

  return {
    statements,
    ...(change.feed === undefined
      ? {}
      : { feed: { instanceId, token, message: JSON.stringify(change.feed) } }),
    settle(results: ResultSet[]): ChangeOutcome {
      if (results[0]?.rowsAffected === 1)
        return { result: { ok: true, revision: seq, seq, hash }, checkCreate: false };
      return { result: { ok: false, reason: 'conflict' }, checkCreate: change.create !== undefined };
    },
  };
}

function taskStatement(instanceId: string, t: TaskChange, guard: InValue[]): InStatement {
  const id = `${instanceId}:${t.token}`;
  switch (t.op) {
    case 'open':
      // definition_id and practice come from the instance row, which also serves as the guard.
      return {
        sql: `INSERT INTO tasks (id, instance_id, definition_id, token, step, title, role, assignee, status, due, priority,
                opened_at, practice)
              SELECT ?, i.id, i.definition_id, ?, ?, ?, ?, ?, 'open', ?, ?, ?, i.practice
              FROM instances i WHERE i.id = ? AND i.commit_token = ?
              ON CONFLICT (id) DO NOTHING`,
        args: [
          id,
          t.token,
          t.step,
          t.title,
          t.role,
          t.assignee ?? null,
          t.due ?? null,
          t.priority ?? 'normal',
          t.openedAt,
          ...guard,
        ],
      };
    case 'update': {
      const sets: string[] = [];
      const args: InValue[] = [];
      const set = (column: string, value: InValue) => {
        sets.push(`${column} = ?`);
        args.push(value);
      };
      if (t.step !== undefined) set('step', t.step);
      if (t.title !== undefined) set('title', t.title);
      if (t.role !== undefined) set('role', t.role);
      if (t.assignee !== undefined) set('assignee', t.assignee);
      if (t.due !== undefined) set('due', t.due);
      if (t.priority !== undefined) set('priority', t.priority);
      if (t.escalated !== undefined) set('escalated', t.escalated ? 1 : 0);
      if (sets.length === 0) sets.push('id = id');
      return {
        sql: `UPDATE tasks SET ${sets.join(', ')} WHERE id = ? AND ${WON}`,
        args: [...args, id, ...guard],
      };
    }
    case 'close':
      return {
        sql: `UPDATE tasks SET status = 'closed', closed_at = ?, outcome = ?, close_reason = ?, closed_by = ?
              WHERE id = ? AND ${WON}`,
        args: [t.closedAt, t.outcome ?? null, t.reason ?? null, t.closedBy ?? null, id, ...guard],
      };
  }
}

function timerStatement(instanceId: string, t: TimerChange, guard: InValue[]): InStatement {
  const id = `${instanceId}:${t.timerId}`;
  if (t.op === 'clear') return { sql: `DELETE FROM timers WHERE id = ? AND ${WON}`, args: [id, ...guard] };
  // A moved timer is a new deadline: any lease on the old one no longer applies.
  return {
    sql: `INSERT INTO timers (id, instance_id, timer_id, due) SELECT ?, ?, ?, ? WHERE ${WON}
          ON CONFLICT (id) DO UPDATE SET due = excluded.due, lease_owner = NULL, lease_expires = NULL`,
    args: [id, instanceId, t.timerId, t.due, ...guard],
  };
}
