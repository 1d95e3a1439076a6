import { randomUUID } from 'node:crypto';
import type { InStatement, InValue, ResultSet } from '@libsql/client';
import { canonicalJson } from '@portalflow/engine';
import type { CommitResult, InstanceChange, TaskChange } from '../change.ts';
import { StoreError } from '../errors.ts';
import { GENESIS_HASH, hashInput, sha256Hex } from '../hash.ts';
import { appendId } from '../ids.ts';
import type { OutboxDraft } from '../outbox.ts';
import type { BatchUnit } from './group-commit.ts';
import { type GuardedRow, guardedInserts } from './guarded-rows.ts';
import { checkNoteDraft, noteInsert } from './notes.ts';
import { NEXT_SEQUENCE } from './outbox.ts';

/** Written after the instance row: true only if this change's own first statement moved the row. */
const WON = 'EXISTS (SELECT 1 FROM instances WHERE id = ? AND commit_token = ?)';

/**
 * The first statement's condition that its actor's account is not disabled, read in the commit itself:
 * a request whose sign-in was checked just before its account was disabled changes nothing after it
 * (the disable then returns the person's tasks to their pools, and nothing they send may land on them).
 * Actors that are no account (the system, null) pass.
 */
const ACTOR_ACTIVE = 'NOT EXISTS (SELECT 1 FROM users WHERE id = ? AND disabled = 1)';

/** The first statement's condition that its actor still holds `actorHolds` (none asked: passes). */
const ACTOR_HOLDS = '(? IS NULL OR EXISTS (SELECT 1 FROM user_roles WHERE user_id = ? AND role = ?))';

/**
 * The first statement's condition that the person a task is handed to (`assigneeHolds`) is active and
 * holds the role (a null role: any active account); none asked: passes.
 */
const ASSIGNEE_CAN_WORK = `(? IS NULL OR EXISTS (SELECT 1 FROM users u WHERE u.id = ? AND u.disabled = 0
  AND (? IS NULL OR EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = ?))))`;

const HEX64 = /^[0-9a-f]{64}$/;
const STATUSES = new Set(['active', 'done', 'cancelled']);
const NOTIFICATION_KINDS = new Set(['assigned', 'overdue', 'escalated', 'cancelled']);

/** What the batch reports back, plus whether a failed create needs a follow-up look. */
export interface ChangeOutcome {
  result: CommitResult;
  /** A create that wrote nothing: the id was taken or the version is missing. */
  checkCreate: boolean;
  /** A change by an account that wrote nothing: it lost a race, or the account was disabled. */
  checkActor: string | null;
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
      fail(`notification kind '${n.kind}' is not assigned, overdue, escalated or cancelled`);
    if (!n.userId && !n.role) fail('a notification is addressed to a user or a role');
  }
  for (const o of change.outbox ?? []) {
    if (o.channel !== 'email' && o.channel !== 'webhook') fail('an outbox message is an email or a webhook');
    if (typeof o.kind !== 'string' || !o.kind) fail('every outbox message needs a kind');
    if (o.channel === 'email' && !o.userId && !o.role) fail('an email is addressed to a user or a role');
  }
  for (const n of change.notes ?? []) checkNoteDraft(n);
}

/**
 * The statements and rows for one change, all conditional on the revision read: the first statement
 * moves the instance row (or inserts it) and stamps a fresh commit token; every later statement and
 * every guarded row (inserted by the batch's shared statements, `guarded-rows.ts`) is written only if
 * the instance row carries that token, so a stale change writes nothing and the first statement's
 * rowsAffected says whether it won.
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
  const holds: InValue[] = [change.actorHolds ?? null, actor, change.actorHolds ?? null];
  const given = change.assigneeHolds;
  const canWork: InValue[] = [
    given?.assignee ?? null,
    given?.assignee ?? null,
    given?.role ?? null,
    given?.role ?? null,
  ];

  const statements: InStatement[] = [];
  if (change.create) {
    const c = change.create;
    statements.push({
      sql: `INSERT INTO instances (id, definition_id, version, status, snapshot, revision, last_hash, commit_token,
              started_at, updated_at, started_by, practice)
            SELECT ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?
            WHERE EXISTS (SELECT 1 FROM definition_versions WHERE definition_id = ? AND version = ?)
              AND NOT EXISTS (SELECT 1 FROM definition_retirements WHERE definition_id = ?)
              AND ${ACTOR_ACTIVE}
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
        c.definitionId,
        actor,
      ],
    });
  } else if (change.pin) {
    const { from, to } = change.pin;
    statements.push({
      sql: `UPDATE instances SET revision = revision + 1, commit_token = ?, snapshot = ?, status = ?, last_hash = ?, updated_at = ?,
              version = ?
            WHERE id = ? AND revision = ? AND last_hash = ? AND version = ?
              AND EXISTS (SELECT 1 FROM definition_versions v WHERE v.definition_id = instances.definition_id AND v.version = ?)
              AND ${ACTOR_ACTIVE}`,
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
        actor,
      ],
    });
  } else {
    statements.push({
      sql: `UPDATE instances SET revision = revision + 1, commit_token = ?, snapshot = ?, status = ?, last_hash = ?, updated_at = ?
            WHERE id = ? AND revision = ? AND last_hash = ? AND ${ACTOR_ACTIVE} AND ${ACTOR_HOLDS}
              AND ${ASSIGNEE_CAN_WORK}`,
      args: [
        token,
        snapshot,
        status,
        hash,
        event.at,
        instanceId,
        expectedRevision,
        event.prevHash,
        actor,
        ...holds,
        ...canWork,
      ],
    });
  }
  // Everything after the first statement, in the change's order: rows that only insert (which wait for
  // the batch's one multi-row statement per kind, `guarded-rows.ts`) and statements that update or
  // delete earlier rows.
  const rest: Array<GuardedRow | InStatement> = [
    {
      kind: 'event',
      values: [seq, event.at, actor, role, event.type, payload, event.prevHash, hash],
    },
  ];
  for (const t of change.tasks ?? []) {
    if (t.op === 'open') rest.push({ kind: 'task', values: taskOpenValues(instanceId, t) });
    else {
      rest.push(taskStatement(instanceId, t, guard));
      if (t.op === 'update' && t.escalation) rest.push(escalationStatement(instanceId, t, guard));
      // What was typed on a task and not sent ends with it: finished, withdrawn or ended, nobody holds it.
      if (t.op === 'close')
        rest.push({
          sql: `DELETE FROM task_drafts WHERE task_id = ? AND ${WON}`,
          args: [`${instanceId}:${t.token}`, ...guard],
        });
    }
  }
  for (const t of change.timers ?? []) {
    if (t.op === 'set')
      rest.push({ kind: 'timer', values: [`${instanceId}:${t.timerId}`, t.timerId, t.due] });
    else
      rest.push({
        sql: `DELETE FROM timers WHERE id = ? AND ${WON}`,
        args: [`${instanceId}:${t.timerId}`, ...guard],
      });
  }
  for (const n of change.notifications ?? []) {
    rest.push({
      kind: 'notification',
      values: [
        appendId(),
        n.userId ?? null,
        n.role ?? null,
        n.kind,
        n.taskToken ? `${instanceId}:${n.taskToken}` : null,
        n.createdAt,
      ],
    });
  }
  const outbox = change.outbox ?? [];
  for (const o of outbox)
    if (o.channel === 'email') statements.push(emailStatement(instanceId, event.at, o, guard));
  const hooks = outbox.filter((o) => o.channel === 'webhook');
  if (hooks.length > 0) statements.push(webhookStatement(instanceId, event.at, hooks, guard));
  for (const a of change.access ?? []) {
    rest.push({
      kind: 'access',
      values: [
        a.at,
        a.userId ?? null,
        a.role ?? null,
        a.action,
        a.instanceId ?? null,
        a.dataCategory ?? null,
        a.outcome,
        a.detail ?? null,
        a.emergencyAccessId ?? null,
      ],
    });
  }
  // A completion note rides the change: written only if the change wins (guarded like the emails).
  for (const n of change.notes ?? []) {
    statements.push(noteInsert(instanceId, n, appendId(), { sql: 'i.commit_token = ?', args: [token] }));
    // The note typed in a task's box is now a note of the request (handed on with a release or a
    // hand-off): the task's draft no longer keeps it, so its next holder does not find it twice.
    if (n.taskToken)
      statements.push({
        sql: `UPDATE task_drafts SET revision = revision + 1, saved_at = ?,
                body = json_set(body, '$.note', '', '$.forNextRole', json('false'))
              WHERE task_id = ? AND json_extract(body, '$.note') != '' AND ${WON}`,
        args: [event.at, `${instanceId}:${n.taskToken}`, ...guard],
      });
  }
  if (change.pin?.runId) rest.push({ kind: 'migrationResult', values: [change.pin.runId, seq, event.at] });
  const idem = change.idempotency;
  if (idem) {
    rest.push({
      kind: 'idempotency',
      values: [
        idem.key,
        idem.userId,
        idem.route,
        idem.status,
        JSON.stringify(idem.response ?? null),
        event.at,
      ],
    });
  }
  // A task opened and changed, or a timer set and cleared, by the same change: keep the change's own
  // order by writing its rows in place, one statement each (the batch's shared inserts come later).
  const inline = touchesTwice(change);
  const deferred: GuardedRow[] = [];
  for (const item of rest) {
    if (typeof item === 'string' || !('kind' in item)) statements.push(item);
    else if (inline) statements.push(...guardedInserts(item.kind, [{ guard, values: item.values }]));
    else deferred.push(item);
  }

  return {
    statements,
    guarded: { guard, rows: deferred },
    ...(change.feed === undefined
      ? {}
      : { feed: { instanceId, token, message: JSON.stringify(change.feed) } }),
    settle(results: ResultSet[]): ChangeOutcome {
      if (results[0]?.rowsAffected === 1)
        return { result: { ok: true, revision: seq, seq, hash }, checkCreate: false, checkActor: null };
      return {
        result: { ok: false, reason: 'conflict' },
        checkCreate: change.create !== undefined,
        checkActor: actor,
      };
    },
  };
}

function taskStatement(
  instanceId: string,
  t: Exclude<TaskChange, { op: 'open' }>,
  guard: InValue[],
): InStatement {
  const id = `${instanceId}:${t.token}`;
  switch (t.op) {
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
      if (t.escalation !== undefined) {
        set('escalated_at', t.escalation.at);
        set('escalated_from_role', t.escalation.fromRole);
        set('escalated_from', t.escalation.fromPerson);
      }
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

/**
 * One row per deadline escalation, beside the task's own columns that keep only the last: a task given
 * back with a new due time can escalate again, and each counts.
 */
function escalationStatement(
  instanceId: string,
  t: Extract<TaskChange, { op: 'update' }>,
  guard: InValue[],
): InStatement {
  const e = t.escalation!;
  const id = `${instanceId}:${t.token}`;
  return {
    // Read from the instance this change won (`WON`'s row): the task's own row may wait in the batch.
    sql: `INSERT INTO task_escalations (task_id, at, from_role, from_person, practice)
          SELECT ?, ?, ?, ?, practice FROM instances WHERE id = ? AND commit_token = ?`,
    args: [id, e.at, e.fromRole, e.fromPerson, ...guard],
  };
}

/** The values of a task `open` row, in `guarded-rows.ts`'s order. */
function taskOpenValues(instanceId: string, t: Extract<TaskChange, { op: 'open' }>): InValue[] {
  return [
    `${instanceId}:${t.token}`,
    t.token,
    t.step,
    t.title,
    t.role,
    t.assignee ?? null,
    t.due ?? null,
    t.priority ?? 'normal',
    t.openedAt,
  ];
}

/** Whether a change opens a task it also updates or closes, or sets a timer it also clears. */
function touchesTwice(change: InstanceChange): boolean {
  const opened = new Set<string>();
  const changed = new Set<string>();
  for (const t of change.tasks ?? []) (t.op === 'open' ? opened : changed).add(t.token);
  for (const token of changed) if (opened.has(token)) return true;
  const set = new Set<string>();
  const cleared = new Set<string>();
  for (const t of change.timers ?? []) (t.op === 'set' ? set : cleared).add(t.timerId);
  for (const id of cleared) if (set.has(id)) return true;
  return false;
}

const OUTBOX_COLUMNS = 'id, channel, kind, target, instance_id, task_id, payload, next_at, created_at';

/**
 * An email, fanned out by the statement itself so no read is needed before the commit: to a role it
 * becomes one row per active member. Each row's id (`{message}.{user}`) is its stable delivery id.
 */
function emailStatement(
  instanceId: string,
  at: string,
  o: Extract<OutboxDraft, { channel: 'email' }>,
  guard: InValue[],
): InStatement {
  const message = appendId();
  const taskId = o.taskToken ? `${instanceId}:${o.taskToken}` : null;
  const payload = JSON.stringify(o.payload ?? null);
  if (o.userId) {
    return {
      sql: `INSERT INTO outbox (${OUTBOX_COLUMNS}) SELECT ? || '.' || ?, 'email', ?, ?, ?, ?, ?, ?, ? WHERE ${WON}`,
      args: [message, o.userId, o.kind, o.userId, instanceId, taskId, payload, at, at, ...guard],
    };
  }
  return {
    sql: `INSERT INTO outbox (${OUTBOX_COLUMNS})
          SELECT ? || '.' || u.id, 'email', ?, u.id, ?, ?, ?, ?, ?
          FROM users u JOIN user_roles r ON r.user_id = u.id
          WHERE r.role = ? AND u.disabled = 0 AND ${WON}`,
    args: [message, o.kind, instanceId, taskId, payload, at, at, o.role ?? null, ...guard],
  };
}

/**
 * A change's webhook events in one statement (a change usually has several, and most clinics few
 * subscriptions): one row per event and subscription whose `events` hold its kind (or `*`), with the id
 * `{message}.{subscription}`.
 */
function webhookStatement(
  instanceId: string,
  at: string,
  hooks: readonly OutboxDraft[],
  guard: InValue[],
): InStatement {
  const rows: InValue[] = [];
  hooks.forEach((o, order) => {
    rows.push(
      appendId(),
      o.kind,
      o.taskToken ? `${instanceId}:${o.taskToken}` : null,
      JSON.stringify(o.payload ?? null),
      order,
    );
  });
  const values = hooks.map(() => '(?, ?, ?, ?, ?)').join(', ');
  // Each row takes its subscription's next sequence number, in the change's order: read and written in
  // this one statement, inside the batch's transaction, so changes committing at once never share or
  // skip a number.
  return {
    sql: `INSERT INTO outbox (${OUTBOX_COLUMNS}, sequence)
          SELECT d.column1 || '.' || s.id, 'webhook', d.column2, s.id, ?, d.column3, d.column4, ?, ?,
                 ${NEXT_SEQUENCE('s.id')} + ROW_NUMBER() OVER (PARTITION BY s.id ORDER BY d.column5)
          FROM (VALUES ${values}) d JOIN webhook_subscriptions s ON s.disabled_at IS NULL
          WHERE EXISTS (SELECT 1 FROM json_each(s.events) e WHERE e.value IN (d.column2, '*')) AND ${WON}`,
    args: [instanceId, at, at, ...rows, ...guard],
  };
}
