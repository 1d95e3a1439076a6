import { createClient } from '@libsql/client';
import {
  type ActiveStep,
  canonicalJson,
  type Definition,
  type RecordedEvent,
  replay,
} from '@portalflow/engine';
import { type AuditEvent, openStore, type Store } from '@portalflow/store';
import type { Verdict } from './result.ts';

export interface DatabaseFigures {
  instances: number;
  events: number;
  integrity: string;
}

/** `PRAGMA integrity_check` on its own connection: 'ok' or SQLite's first complaints. */
export async function integrityCheck(url: string): Promise<string> {
  const client = createClient({ url });
  try {
    const rs = await client.execute('PRAGMA integrity_check');
    return rs.rows.map((r) => String(r[0])).join('; ');
  } finally {
    client.close();
  }
}

/** The timer table as stored (id → due), read without leasing anything. */
export async function storedTimers(url: string): Promise<Map<string, string>> {
  const client = createClient({ url });
  try {
    const rs = await client.execute('SELECT id, due FROM timers');
    return new Map(rs.rows.map((r) => [String(r.id), String(r.due)]));
  } finally {
    client.close();
  }
}

/**
 * The whole database judged as a crash survivor must be: SQLite's integrity check passes, every hash
 * chain verifies, and each instance's stored projection (snapshot, status, open tasks, closed outcomes,
 * timers) is exactly what replaying its events gives.
 */
export async function checkDatabase(url: string, verdict: Verdict): Promise<DatabaseFigures> {
  const integrity = await integrityCheck(url);
  verdict.check(integrity === 'ok', `integrity_check: ${integrity}`);
  const store = await openStore({ url });
  try {
    const report = await store.verifyAll();
    for (const f of report.failures) verdict.fail(`chain: ${f.reason}`);
    await checkProjection(store, verdict, await storedTimers(url));
    return { instances: report.instances, events: report.events, integrity };
  } finally {
    await store.close();
  }
}

/** Projection == replay for every instance, and the timer table == the replayed timers. */
export async function checkProjection(
  store: Store,
  verdict: Verdict,
  stored: Map<string, string>,
  /** Only these instances (and their timers); default every instance. */
  only?: ReadonlySet<string>,
): Promise<void> {
  const definitions = new Map<string, Definition>();
  const expectedTimers = new Map<string, string>();
  let ids: string[] = [];
  for (let cursor: string | null = null, first = true; first || cursor; first = false) {
    const page = await store.listInstances({ limit: 500, practice: false, ...(cursor ? { cursor } : {}) });
    for (const item of page.items) ids.push(item.id);
    cursor = page.nextCursor;
  }
  if (only) ids = ids.filter((id) => only.has(id));
  for (const id of ids) {
    const instance = (await store.getInstance(id))!;
    const key = `${instance.definitionId}@${instance.version}`;
    let definition = definitions.get(key);
    if (!definition) {
      definition = (await store.getVersion(instance.definitionId, instance.version))!.definition;
      definitions.set(key, definition);
    }
    const events = await store.listEvents(id);
    verdict.check(
      instance.revision === events.length,
      `instance ${id}: revision ${instance.revision}, ${events.length} events`,
    );
    const replayed = replayOf(definition, events);
    if (!replayed) {
      verdict.fail(`instance ${id}: its history does not replay`);
      continue;
    }
    verdict.check(
      canonicalJson(replayed) === canonicalJson(instance.snapshot) && replayed.status === instance.status,
      `instance ${id}: stored snapshot differs from replay`,
    );
    const tasks = await store.listInstanceTasks(id);
    const open = tasks
      .filter((t) => t.status === 'open')
      .map((t) => `${t.id}|${t.step}|${t.role}|${t.assignee}|${t.due}|${t.escalated}`)
      .sort();
    const active = (Object.values(replayed.context.active) as ActiveStep[])
      .filter((a) => a.kind === 'task')
      .map(
        (a) =>
          `${id}:${a.token}|${a.step}|${a.role}|${a.assignee ?? null}|${a.due ?? null}|${a.escalated === true}`,
      )
      .sort();
    verdict.check(
      canonicalJson(open) === canonicalJson(active),
      `instance ${id}: open tasks differ from replay`,
    );
    for (const e of events.filter((x) => x.type === 'complete')) {
      const p = e.payload as { token: string; outcome: string };
      const row = tasks.find((t) => t.id === `${id}:${p.token}`);
      verdict.check(
        row?.status === 'closed' && row.outcome === p.outcome,
        `instance ${id}: task ${p.token} not closed with outcome ${p.outcome}`,
      );
    }
    for (const [timerId, timer] of Object.entries(replayed.context.timers))
      expectedTimers.set(`${id}:${timerId}`, timer.due);
  }
  for (const [id, due] of expectedTimers)
    verdict.check(
      stored.get(id) === due,
      `timer ${id}: stored ${stored.get(id) ?? 'none'}, replay says ${due}`,
    );
  for (const id of stored.keys()) {
    if (only && !only.has(id.slice(0, id.lastIndexOf(':')))) continue;
    verdict.check(expectedTimers.has(id), `timer ${id} is stored but not in any replay`);
  }
}

export function replayOf(definition: Definition, events: AuditEvent[]) {
  const history: RecordedEvent[] = events.map((e) => ({
    at: e.at,
    event: e.payload as RecordedEvent['event'],
  }));
  try {
    return replay(definition, history);
  } catch {
    return null;
  }
}
