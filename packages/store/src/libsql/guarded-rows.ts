import type { InStatement, InValue } from '@libsql/client';

/**
 * Rows a change inserts only if it won: each is guarded by the change's instance id and commit token
 * (the instance row carries the token only if the change's first statement moved it). Rather than one
 * `INSERT … SELECT … WHERE EXISTS (…)` per row, a group-commit batch writes each kind of row for all
 * its changes with one statement: `INSERT INTO t SELECT … FROM (VALUES (id, token, …), …) v CROSS JOIN
 * instances i ON i.id = v.column1 AND i.commit_token = v.column2`. The join is the same guard, row
 * by row, so a change that lost writes none of its rows and a winner's rows do not depend on its
 * neighbours'. CROSS JOIN keeps the VALUES as the outer loop: rows go in, and take rowids, in the
 * order the changes were submitted.
 */
export type RowKind =
  | 'event'
  | 'task'
  | 'timer'
  | 'notification'
  | 'access'
  | 'migrationResult'
  | 'idempotency';

interface KindSql {
  into: string;
  /** Select list over `v.column3…` (the row's own values) and `i` (the guarding instance row). */
  select: string;
  /** Values per row, after the two guard values. */
  width: number;
  tail?: string;
}

const v = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, k) => `v.column${from + k}`).join(', ');

const KINDS: Record<RowKind, KindSql> = {
  event: {
    into: 'events (instance_id, seq, at, actor, role, type, payload, prev_hash, hash)',
    select: `v.column1, ${v(3, 10)}`,
    width: 8,
  },
  // definition_id and practice come from the instance row that guards the insert.
  task: {
    into: `tasks (id, instance_id, definition_id, token, step, title, role, assignee, status, due, priority,
             opened_at, practice)`,
    select: `v.column3, i.id, i.definition_id, ${v(4, 8)}, 'open', ${v(9, 11)}, i.practice`,
    width: 9,
    tail: 'ON CONFLICT (id) DO NOTHING',
  },
  // A moved timer is a new deadline: any lease on the old one no longer applies.
  timer: {
    into: 'timers (id, instance_id, timer_id, due)',
    select: `v.column3, v.column1, ${v(4, 5)}`,
    width: 3,
    tail: 'ON CONFLICT (id) DO UPDATE SET due = excluded.due, lease_owner = NULL, lease_expires = NULL',
  },
  notification: {
    into: 'notifications (id, user_id, role, kind, task_id, instance_id, created_at)',
    select: `${v(3, 7)}, v.column1, v.column8`,
    width: 6,
  },
  access: {
    into: `access_log (at, user_id, role, action, instance_id, data_category, outcome, detail,
             emergency_access_id)`,
    select: v(3, 11),
    width: 9,
  },
  migrationResult: {
    into: 'migration_results (run_id, instance_id, status, reason, seq, at)',
    select: `v.column3, v.column1, 'migrated', NULL, ${v(4, 5)}`,
    width: 3,
    tail: `ON CONFLICT (run_id, instance_id) DO UPDATE SET status = 'migrated', reason = NULL, seq = excluded.seq,
             at = excluded.at`,
  },
  idempotency: {
    into: 'idempotency (key, user_id, route, status, response, created_at)',
    select: v(3, 8),
    width: 6,
    tail: 'ON CONFLICT (key, user_id) DO NOTHING',
  },
};

/** Kinds in the order a change's rows were always written (the event first). */
export const ROW_KINDS = Object.keys(KINDS) as RowKind[];

/** One guarded row: the guard (instance id, commit token) and the kind's values. */
export interface GuardedRow {
  kind: RowKind;
  values: InValue[];
}

/**
 * Statements hold a power-of-two number of rows (at most `MAX_ROWS`), padded with rows whose NULL id
 * joins nothing, so each kind needs a handful of prepared statements, not one per batch size.
 */
const MAX_ROWS = 256;
const sqlCache = new Map<string, string>();

function sqlFor(kind: RowKind, rows: number): string {
  const key = `${kind}:${rows}`;
  let sql = sqlCache.get(key);
  if (sql === undefined) {
    const k = KINDS[kind];
    const tuple = `(${Array.from({ length: k.width + 2 }, () => '?').join(', ')})`;
    sql = `INSERT INTO ${k.into}
           SELECT ${k.select} FROM (VALUES ${Array.from({ length: rows }, () => tuple).join(', ')}) AS v
           CROSS JOIN instances i ON i.id = v.column1 AND i.commit_token = v.column2
           WHERE true ${k.tail ?? ''}`;
    sqlCache.set(key, sql);
  }
  return sql;
}

/** The statements inserting `rows` (all of one kind), each guarded by its instance id and token. */
export function guardedInserts(
  kind: RowKind,
  guarded: Array<{ guard: InValue[]; values: InValue[] }>,
): InStatement[] {
  const width = KINDS[kind].width + 2;
  const statements: InStatement[] = [];
  for (let start = 0; start < guarded.length; start += MAX_ROWS) {
    const part = guarded.slice(start, start + MAX_ROWS);
    let size = 1;
    while (size < part.length) size *= 2;
    const args: InValue[] = [];
    for (const row of part) {
      if (row.values.length + 2 !== width) throw new Error(`a ${kind} row has ${row.values.length} values`);
      args.push(...row.guard, ...row.values);
    }
    for (let pad = part.length; pad < size; pad++) for (let c = 0; c < width; c++) args.push(null);
    statements.push({ sql: sqlFor(kind, size), args });
  }
  return statements;
}
