// After a load run: is the database still telling one story? For every instance, the stored snapshot
// equals a replay of its events, its open task rows are exactly its active tasks, its closed rows carry
// the recorded outcomes, its timer rows are exactly the replayed timers (but practice tasks' deadlines,
// which never fire), and every hash chain verifies.
import { createClient } from '@libsql/client';
import {
  type ActiveStep,
  canonicalJson,
  type Definition,
  type RecordedEvent,
  replay,
} from '@portalflow/engine';
import type { Store } from '@portalflow/store';
import { isPracticeTaskDeadline } from '../src/instances/practice-deadlines.ts';

export interface ConsistencyReport {
  ok: boolean;
  instances: number;
  events: number;
  tasks: number;
  timers: number;
  /** Chains that failed verification, projections that differ from replay: at most 20 listed. */
  problems: string[];
}

/** Reads every instance of both kinds (real and practice), page by page. */
async function allInstanceIds(store: Store): Promise<string[]> {
  const ids: string[] = [];
  for (const practice of [false, true]) {
    let cursor: string | null = null;
    do {
      const page = await store.listInstances({ practice, limit: 500, cursor });
      for (const item of page.items) ids.push(item.id);
      cursor = page.nextCursor;
    } while (cursor);
  }
  return ids;
}

/**
 * Checks the whole database. `databaseUrl` (and `authToken`) opens a second, read-only-used connection
 * for the one thing the Store does not list: every timer row.
 */
export async function checkConsistency(
  store: Store,
  databaseUrl: string,
  authToken?: string,
): Promise<ConsistencyReport> {
  const problems: string[] = [];
  const problem = (line: string) => {
    if (problems.length < 20) problems.push(line);
  };
  const chains = await store.verifyAll();
  for (const f of chains.failures) problem(`chain: ${JSON.stringify(f)}`);

  const definitions = new Map<string, Definition>();
  const definitionOf = async (id: string, version: number) => {
    const key = `${id}@${version}`;
    let found = definitions.get(key);
    if (!found) {
      const stored = await store.getVersion(id, version);
      if (!stored) throw new Error(`version ${key} is missing`);
      found = stored.definition as Definition;
      definitions.set(key, found);
    }
    return found;
  };

  const expectedTimers = new Map<string, string>();
  let events = 0;
  let tasks = 0;
  const ids = await allInstanceIds(store);
  for (const id of ids) {
    const instance = await store.getInstance(id);
    if (!instance) {
      problem(`${id}: listed but not found`);
      continue;
    }
    const history = await store.listEvents(id);
    events += history.length;
    if (instance.revision !== history.length)
      problem(`${id}: revision ${instance.revision}, ${history.length} events`);
    const definition = await definitionOf(instance.definitionId, instance.version);
    const replayed = replay(
      definition,
      history.map((e): RecordedEvent => ({ at: e.at, event: e.payload as RecordedEvent['event'] })),
    );
    if (!replayed || canonicalJson(replayed) !== canonicalJson(instance.snapshot)) {
      problem(`${id}: stored snapshot differs from replay`);
      continue;
    }
    if (instance.status !== replayed.status)
      problem(`${id}: status ${instance.status}, replay ${replayed.status}`);

    const rows = await store.listInstanceTasks(id);
    tasks += rows.length;
    const open = rows
      .filter((t) => t.status === 'open')
      .map((t) => canonicalJson([t.id, t.step, t.role, t.assignee, t.due, t.escalated]))
      .sort();
    const active = (Object.values(replayed.context.active) as ActiveStep[])
      .filter((a) => a.kind === 'task')
      .map((a) =>
        canonicalJson([
          `${id}:${a.token}`,
          a.step,
          a.role,
          a.assignee ?? null,
          a.due ?? null,
          a.escalated === true,
        ]),
      )
      .sort();
    if (canonicalJson(open) !== canonicalJson(active)) problem(`${id}: open task rows differ from replay`);
    for (const e of history) {
      if (e.type !== 'complete') continue;
      const p = e.payload as { token: string; outcome: string };
      const row = rows.find((t) => t.id === `${id}:${p.token}`);
      if (row?.status !== 'closed' || row.outcome !== p.outcome)
        problem(`${id}: task ${p.token} does not show its recorded outcome`);
    }
    for (const [timerId, timer] of Object.entries(replayed.context.timers)) {
      // A practice task's deadline is shown but has no timer row: it never fires.
      if (isPracticeTaskDeadline({ practice: instance.practice, snapshot: replayed }, timerId)) continue;
      expectedTimers.set(`${id}:${timerId}`, timer.due);
    }
  }

  const raw = createClient(authToken === undefined ? { url: databaseUrl } : { url: databaseUrl, authToken });
  let timers = 0;
  try {
    const rs = await raw.execute('SELECT id, due FROM timers');
    timers = rs.rows.length;
    const stored = new Map(rs.rows.map((r) => [String(r.id), String(r.due)]));
    if (stored.size !== expectedTimers.size)
      problem(`timers: ${stored.size} rows, replay has ${expectedTimers.size}`);
    for (const [id, due] of expectedTimers)
      if (stored.get(id) !== due) problem(`timer ${id}: stored ${stored.get(id) ?? 'none'}, replay ${due}`);
  } finally {
    raw.close();
  }

  return {
    ok: problems.length === 0 && chains.ok && chains.instances === ids.length,
    instances: ids.length,
    events,
    tasks,
    timers,
    problems,
  };
}
