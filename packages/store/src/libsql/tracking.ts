import type { InValue, Row } from '@libsql/client';
import { StoreError } from '../errors.ts';
import type {
  CompletionCount,
  EscalationTally,
  OpenOverdueTally,
  RequestTally,
  TallyFilter,
  TallyKey,
  TaskTally,
} from '../tracking/types.ts';
import type { Store } from '../types.ts';
import type { Db } from './db.ts';
import { Conditions, int, textOrNull } from './rows.ts';
import { SCAN } from './scan.ts';

/** Grouping keys → task columns. A fixed map: keys never reach SQL as caller text. */
const COMPLETED_BY: Record<TallyKey, string> = {
  person: 'closed_by',
  role: 'role',
  workflow: 'definition_id',
  step: 'step',
  outcome: 'outcome',
};
const OPEN_BY: Record<Exclude<TallyKey, 'outcome' | 'step'>, string> = {
  person: 'assignee',
  role: 'role',
  workflow: 'definition_id',
};
const ESCALATED_BY: Record<'person' | 'role', string> = {
  person: 'from_person',
  role: 'from_role',
};
const FIELD = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
const MAX_DAYS = 400;

function checkKeys(keys: readonly string[], allowed: Record<string, string>): void {
  for (const k of keys) {
    if (!Object.hasOwn(allowed, k)) throw new StoreError('QUERY_INVALID', `Unknown tally key '${k}'`);
  }
  if (new Set(keys).size !== keys.length) throw new StoreError('QUERY_INVALID', 'Tally keys repeat');
}

function keyed(row: Row, keys: readonly string[]) {
  const out: Record<string, string | null> = {
    person: null,
    role: null,
    workflow: null,
    step: null,
    outcome: null,
  };
  for (const k of keys) out[k] = textOrNull(row, k);
  return out;
}

/** Nearest-rank percentile of ascending values: the value at rank ⌈p·n⌉. */
function rank(sorted: Float64Array, p: number): number {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const tallyOf = (
  keys: Record<string, string | null>,
  times: Float64Array,
  late: number,
  escalated: number,
): TaskTally => {
  times.sort();
  return {
    person: keys.person ?? null,
    role: keys.role ?? null,
    workflow: keys.workflow ?? null,
    step: keys.step ?? null,
    outcome: keys.outcome ?? null,
    completed: times.length,
    medianMs: rank(times, 50),
    p90Ms: rank(times, 90),
    late,
    escalated,
  };
};

/**
 * One scan for several groupings: SQL groups completed tasks at the finest grain the groupings need
 * (each group with its count, late and escalated sums, and its times to complete as one list); each
 * grouping is then a roll-up of those groups, with its percentiles taken from the merged, sorted times.
 */
async function completedSetsOn(
  db: Db,
  q: TallyFilter,
  groupings: readonly (readonly TallyKey[])[],
): Promise<TaskTally[][]> {
  for (const keys of groupings) checkKeys(keys, COMPLETED_BY);
  const finest = (Object.keys(COMPLETED_BY) as TallyKey[]).filter((k) =>
    groupings.some((g) => g.includes(k)),
  );
  const where = new Conditions().add(
    "close_reason = 'completed' AND practice = 0 AND closed_at >= ? AND closed_at < ?",
    q.from,
    q.to,
  );
  if (q.userId !== undefined) where.add('closed_by = ?', q.userId);
  if (q.role !== undefined) where.add('role = ?', q.role);
  const cols = finest.map((k) => `${COMPLETED_BY[k]} AS ${k}`);
  const rs = await db.client.execute({
    sql: `${SCAN}SELECT ${[...cols, ''].join(', ')} count(*) AS completed,
            group_concat(CAST(round((julianday(closed_at) - julianday(opened_at)) * 86400000.0) AS INTEGER)) AS times,
            sum(CASE WHEN due IS NOT NULL AND closed_at > due THEN 1 ELSE 0 END) AS late, sum(escalated) AS escalated
          FROM tasks INDEXED BY tasks_completed WHERE ${where.parts.join(' AND ')}
          ${finest.length ? `GROUP BY ${finest.join(', ')}` : ''}`,
    args: where.args,
  });
  // A whole clinic's month is a hundred thousand times to parse and sort: done in slices, so other
  // requests are served in between (the query itself ran on the scan thread).
  const pace = pacer();
  const groups: Array<{
    keys: Record<string, string | null>;
    times: number[];
    late: number;
    escalated: number;
  }> = [];
  for (const r of rs.rows) {
    if (int(r, 'completed') === 0) continue;
    groups.push({
      keys: keyed(r, finest),
      times: String(r.times).split(',').map(Number),
      late: int(r, 'late'),
      escalated: int(r, 'escalated'),
    });
    await pace();
  }
  const sets: TaskTally[][] = [];
  for (const keys of groupings) {
    const merged = new Map<
      string,
      { keys: Record<string, string | null>; parts: number[][]; late: number; escalated: number }
    >();
    for (const g of groups) {
      const id = JSON.stringify(keys.map((k) => g.keys[k]));
      let m = merged.get(id);
      if (!m) {
        m = {
          keys: Object.fromEntries(keys.map((k) => [k, g.keys[k] ?? null])),
          parts: [],
          late: 0,
          escalated: 0,
        };
        merged.set(id, m);
      }
      m.parts.push(g.times);
      m.late += g.late;
      m.escalated += g.escalated;
    }
    const out: TaskTally[] = [];
    for (const m of merged.values()) {
      out.push(tallyOf(m.keys, Float64Array.from(m.parts.flat()), m.late, m.escalated));
      await pace();
    }
    sets.push(
      out.sort((a, b) => {
        for (const k of keys) {
          const x = a[k] ?? '';
          const y = b[k] ?? '';
          if (x !== y) return x < y ? -1 : 1;
        }
        return 0;
      }),
    );
  }
  return sets;
}

/** Yields to the event loop once `sliceMs` of work has gone by since it last did. */
function pacer(sliceMs = 8): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < sliceMs) return;
    await new Promise((resume) => setImmediate(resume));
    since = performance.now();
  };
}

/**
 * Period tallies for the task tracking sheet. Every query leaves practice work out and is one SQL
 * aggregation over an index range (the completed-task index covers every column read), so a sheet over
 * 100k tasks is one index scan and one grouping, not 100k rows shipped to JavaScript.
 */
export function trackingApi(
  db: Db,
): Pick<
  Store,
  | 'tallyCompletedTaskSets'
  | 'tallyCompletedTasks'
  | 'tallyOpenOverdue'
  | 'tallyEscalations'
  | 'tallyVolume'
  | 'countCompletions'
  | 'countCompletionEvents'
  | 'tallyRequests'
> {
  const completedSets = (q: TallyFilter, groupings: readonly (readonly TallyKey[])[]) =>
    completedSetsOn(db, q, groupings);
  return {
    async tallyCompletedTasks(q) {
      return (await completedSets(q, [q.keys]))[0]!;
    },

    tallyCompletedTaskSets(filter, groupings) {
      return completedSets(filter, groupings);
    },

    async tallyOpenOverdue(q) {
      checkKeys(q.keys, OPEN_BY);
      const until = q.asOf < q.to ? q.asOf : q.to;
      if (until <= q.from) return [];
      const where = new Conditions().add(
        "status = 'open' AND practice = 0 AND due_order >= ? AND due_order < ?",
        q.from,
        until,
      );
      if (q.userId !== undefined) where.add('assignee = ?', q.userId);
      if (q.role !== undefined) where.add('role = ?', q.role);
      const cols = q.keys.map((k) => `${OPEN_BY[k]} AS ${k}`);
      const group = q.keys.length ? `GROUP BY ${q.keys.join(', ')} ORDER BY ${q.keys.join(', ')}` : '';
      const rs = await db.client.execute({
        sql: `${SCAN}SELECT ${[...cols, ''].join(', ')} count(*) AS open FROM tasks WHERE ${where.parts.join(' AND ')} ${group}`,
        args: where.args,
      });
      return rs.rows
        .filter((r) => int(r, 'open') > 0)
        .map(
          (r): OpenOverdueTally => ({
            ...(keyed(r, q.keys) as Pick<OpenOverdueTally, 'person' | 'role' | 'workflow'>),
            open: int(r, 'open'),
          }),
        );
    },

    async tallyEscalations(q) {
      checkKeys(q.keys, ESCALATED_BY);
      // Each escalation of a task counts, not only its last (a task given back can escalate again).
      const where = new Conditions().add('practice = 0 AND at >= ? AND at < ?', q.from, q.to);
      if (q.userId !== undefined) where.add('from_person = ?', q.userId);
      if (q.role !== undefined) where.add('from_role = ?', q.role);
      const cols = q.keys.map((k) => `${ESCALATED_BY[k]} AS ${k}`);
      const group = q.keys.length ? `GROUP BY ${q.keys.join(', ')} ORDER BY ${q.keys.join(', ')}` : '';
      const rs = await db.client.execute({
        sql: `${SCAN}SELECT ${[...cols, ''].join(', ')} count(*) AS escalations
              FROM task_escalations INDEXED BY task_escalations_when WHERE ${where.parts.join(' AND ')} ${group}`,
        args: where.args,
      });
      return rs.rows
        .filter((r) => int(r, 'escalations') > 0)
        .map(
          (r): EscalationTally => ({
            person: q.keys.includes('person') ? textOrNull(r, 'person') : null,
            role: q.keys.includes('role') ? textOrNull(r, 'role') : null,
            escalations: int(r, 'escalations'),
          }),
        );
    },

    async tallyVolume(q) {
      if (q.days.length === 0) return [];
      if (q.days.length > MAX_DAYS)
        throw new StoreError('QUERY_INVALID', `At most ${MAX_DAYS} days in one volume query`);
      const where = new Conditions().add(
        "t.close_reason = 'completed' AND t.practice = 0 AND t.closed_at >= d.start AND t.closed_at < d.stop",
      );
      if (q.userId !== undefined) where.add('t.closed_by = ?', q.userId);
      if (q.role !== undefined) where.add('t.role = ?', q.role);
      const values = q.days.map(() => '(?, ?, ?)').join(', ');
      const args: InValue[] = q.days.flatMap((d) => [d.day, d.start, d.end]);
      const rs = await db.client.execute({
        sql: `${SCAN}WITH d(day, start, stop) AS (VALUES ${values})
              SELECT d.day AS day, t.role AS role, count(*) AS completed
              FROM d JOIN tasks t INDEXED BY tasks_completed ON ${where.parts.join(' AND ')}
              GROUP BY d.day, t.role ORDER BY d.day, t.role`,
        args: [...args, ...where.args],
      });
      return rs.rows.map((r) => ({
        day: String(r.day),
        role: String(r.role),
        completed: int(r, 'completed'),
      }));
    },

    async countCompletions(q) {
      for (const f of q.fields) {
        if (!FIELD.test(f)) throw new StoreError('QUERY_INVALID', `Form field '${f}' is not a field name`);
      }
      const where = new Conditions().add(
        "e.type = 'complete' AND e.at >= ? AND e.at < ? AND i.definition_id = ? AND i.practice = 0",
        q.from,
        q.to,
        q.workflow,
      );
      if (q.userId !== undefined) where.add('e.actor = ?', q.userId);
      if (q.role !== undefined) where.add('e.role = ?', q.role);
      const fieldCols = q.fields.map((_, i) => `json_extract(e.payload, ?) AS f${i}`);
      const group = ['person', 'step', 'outcome', ...q.fields.map((_, i) => `f${i}`)].join(', ');
      const rs = await db.client.execute({
        sql: `${SCAN}SELECT e.actor AS person, json_extract(e.payload, '$.step') AS step,
                json_extract(e.payload, '$.outcome') AS outcome, ${[...fieldCols, ''].join(', ')} count(*) AS n
              FROM events e INDEXED BY events_by_type_at JOIN instances i INDEXED BY instances_kind ON i.id = e.instance_id
              WHERE ${where.parts.join(' AND ')}
              GROUP BY ${group} ORDER BY ${group}`,
        args: [...q.fields.map((f) => `$.data."${f}"`), ...where.args],
      });
      return rs.rows.map(
        (r): CompletionCount => ({
          person: textOrNull(r, 'person'),
          step: String(r.step),
          outcome: String(r.outcome),
          values: Object.fromEntries(q.fields.map((f, i) => [f, textOrNull(r, `f${i}`)])),
          count: int(r, 'n'),
        }),
      );
    },

    async countCompletionEvents(q: TallyFilter) {
      const where = new Conditions().add(
        "e.type = 'complete' AND e.at >= ? AND e.at < ? AND i.practice = 0",
        q.from,
        q.to,
      );
      if (q.userId !== undefined) where.add('e.actor = ?', q.userId);
      if (q.role !== undefined) where.add('e.role = ?', q.role);
      const rs = await db.client.execute({
        sql: `${SCAN}SELECT count(*) AS n FROM events e INDEXED BY events_by_type_at JOIN instances i INDEXED BY instances_kind ON i.id = e.instance_id
              WHERE ${where.parts.join(' AND ')}`,
        args: where.args,
      });
      return int(rs.rows[0]!, 'n');
    },

    async tallyRequests(q) {
      const [ended, open] = await Promise.all([
        db.client.execute({
          sql: `${SCAN}SELECT definition_id AS workflow, status, count(*) AS n,
                  group_concat(CAST(round((julianday(updated_at) - julianday(started_at)) * 86400000.0) AS INTEGER)) AS times
                FROM instances INDEXED BY instances_by_status
                WHERE status IN ('done', 'cancelled') AND practice = 0 AND updated_at >= ? AND updated_at < ?
                GROUP BY definition_id, status`,
          args: [q.from, q.to],
        }),
        db.client.execute(
          `${SCAN}SELECT definition_id AS workflow, count(*) AS n FROM instances WHERE status = 'active' AND practice = 0 GROUP BY definition_id`,
        ),
      ]);
      const by = new Map<string, RequestTally>();
      const of = (workflow: string) => {
        let t = by.get(workflow);
        if (!t) {
          t = { workflow, finished: 0, cancelled: 0, medianMs: 0, p90Ms: 0, open: 0 };
          by.set(workflow, t);
        }
        return t;
      };
      for (const row of ended.rows) {
        const t = of(String(row.workflow));
        if (row.status === 'cancelled') {
          t.cancelled = int(row, 'n');
          continue;
        }
        t.finished = int(row, 'n');
        const times = new Float64Array(String(row.times).split(',').map(Number)).sort();
        t.medianMs = rank(times, 50);
        t.p90Ms = rank(times, 90);
      }
      for (const row of open.rows) of(String(row.workflow)).open = int(row, 'n');
      return [...by.values()].sort((a, b) =>
        a.workflow < b.workflow ? -1 : a.workflow > b.workflow ? 1 : 0,
      );
    },
  };
}
