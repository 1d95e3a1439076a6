import {
  type ActiveView,
  canonicalJson,
  type Definition,
  type EngineEvent,
  type HistoryEntry,
  historyVersions,
  type InstanceSnapshot,
  idToWords,
  PortalflowError,
  replay,
} from '@portalflow/engine';
import type { InstanceSummary, Store } from '@portalflow/store';
import { bold, dim, green, plural, red, table } from '../format.ts';
import { CliError, EXIT } from '../io.ts';
import { clinicTime, endedAt, roleTitle } from '../words.ts';
import { clinicZone } from './clinic-zone.ts';
import { databaseUrl, openExisting } from './database.ts';
import { findRequest } from './find-request.ts';
import { describeEvent } from './simulate.ts';

export interface ReplayOptions {
  at?: string;
  db?: string;
  json: boolean;
}

/**
 * `portalflow replay <request> [--at N]`: the request by its id, the start of it, or the patient's chart
 * number (a patient with several requests gets them listed to choose from). Folds its recorded events
 * (the first N) through the engine and prints, in a lead's words, each event with who did it (by name
 * and role title) and when (the clinic's zone when known, else UTC, said so), then the status and where
 * it ended, the open steps, and how many data fields there are — never their values, which can be
 * patient data (`--json` includes them, with ids and ISO times, for machines). Replaying the whole
 * history also checks it against the stored state and the hash chain: a difference exits 1.
 */
export async function replayCommand(positionals: string[], options: ReplayOptions): Promise<number> {
  const [wanted, ...extra] = positionals;
  if (wanted === undefined || extra.length > 0)
    throw new CliError(
      'replay takes one request: portalflow replay <request id, its start, or a chart number> [--at N]',
      EXIT.usage,
    );
  let at: number | undefined;
  if (options.at !== undefined) {
    if (!/^\d+$/.test(options.at) || Number(options.at) < 1)
      throw new CliError(`--at: '${options.at}' is not an event number (1, 2, …)`, EXIT.usage);
    at = Number(options.at);
  }
  const store = await openExisting(databaseUrl(options.db));
  try {
    const zone = await clinicZone(store);
    const timeZone = zone ?? 'UTC';
    const asked = await findRequest(store, wanted);
    if ('none' in asked) throw new CliError(asked.none, EXIT.usage, 'NOT_FOUND');
    if ('choices' in asked) {
      if (!options.json) process.stdout.write(`${await choiceLines(store, asked.choices, timeZone)}\n`);
      throw new CliError(
        `${asked.why}; replay one by its id or the start of it${options.json ? `: ${asked.choices.map((c) => c.id).join(', ')}` : ' (listed above)'}`,
        EXIT.usage,
        'AMBIGUOUS',
      );
    }
    const instance = asked.found;
    const instanceId = instance.id;
    const version = await store.getVersion(instance.definitionId, instance.version);
    if (!version) {
      throw new CliError(
        `instance '${instanceId}' names ${instance.definitionId} v${instance.version}, which is not in this database`,
        EXIT.findings,
        'VERSION_MISSING',
      );
    }
    const events = await store.listEvents(instanceId);
    if (at !== undefined && at > events.length)
      throw new CliError(
        `--at ${at}: instance '${instanceId}' has ${plural(events.length, 'event')}`,
        EXIT.usage,
      );
    const upTo = at ?? events.length;
    const history: HistoryEntry[] = events.map((e) => ({
      at: e.at,
      event: e.payload as HistoryEntry['event'],
    }));
    // A history with a `migrated` event starts on an earlier version and switches at that event.
    const needed = historyVersions(history, instance.version);
    const loaded = new Map<number, Definition>([[instance.version, version.definition]]);
    for (const v of needed.versions) {
      if (loaded.has(v)) continue;
      const found = await store.getVersion(instance.definitionId, v);
      if (found) loaded.set(v, found.definition);
    }
    const start = loaded.get(needed.start);
    if (!start) {
      throw new CliError(
        `instance '${instanceId}' started on ${instance.definitionId} v${needed.start}, which is not in this database`,
        EXIT.findings,
        'VERSION_MISSING',
      );
    }
    let snapshot: InstanceSnapshot | null;
    // What was open after each event: tells whose deadline a later timer was.
    const openAfter = new Map<number, ActiveView[]>();
    try {
      snapshot = replay(start, history, {
        at: upTo,
        versions: (v) => loaded.get(v),
        onEvent: (i, after) => openAfter.set(i, Object.values(after.context.active)),
      });
    } catch (error) {
      if (!(error instanceof PortalflowError)) throw error;
      if (options.json)
        process.stdout.write(
          `${JSON.stringify({ instanceId, ok: false, error: error.toJSON() }, null, 2)}\n`,
        );
      else process.stdout.write(red(`✗ instance ${instanceId}: ${error.message}\n`));
      return EXIT.findings;
    }
    const whole = upTo === events.length;
    // Only the whole history can be compared with what is stored.
    const matchesStored = whole ? canonicalJson(snapshot) === canonicalJson(instance.snapshot) : null;
    const chain = await store.verifyInstance(instanceId);
    const definition = version.definition;
    const active = Object.values(snapshot?.context.active ?? {})
      .sort((x, y) => Number(x.token) - Number(y.token))
      .map((a) => ({
        token: a.token,
        step: a.step,
        kind: a.kind,
        title: (definition.steps[a.step] as { title?: string } | undefined)?.title ?? a.step,
        role: a.role ?? null,
        assignee: a.assignee ?? null,
        due: a.due ?? null,
        escalated: a.escalated === true,
        signal: a.signal ?? null,
      }));
    const last = events[upTo - 1];
    const ok = matchesStored !== false && chain.ok;

    if (options.json) {
      const report = {
        instanceId,
        definitionId: instance.definitionId,
        version: instance.version,
        at: upTo,
        events: events.length,
        time: last?.at ?? null,
        status: snapshot?.status ?? null,
        end: snapshot?.end ?? null,
        active,
        data: snapshot?.context.data ?? {},
        matchesStored,
        chain: chain.ok ? { ok: true, count: chain.count } : chain,
        ok,
      };
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      return ok ? EXIT.ok : EXIT.findings;
    }

    const names = new Map((await store.listUsers()).map((u) => [u.id, u.displayName]));
    const person = (id: string | null) => (id ? (names.get(id) ?? id) : null);
    const out: string[] = [];
    out.push(`${bold(`Request ${instanceId}`)} — ${definition.title}, version ${instance.version}`);
    out.push(
      dim(
        zone
          ? `Times in the clinic's zone (${zone})`
          : 'Times in UTC (no clinic calendar known: set PORTALFLOW_TIME_ZONE or PORTALFLOW_CALENDAR)',
      ),
    );
    // Each event in words, on the version it applied to, with who did it (by name and role title).
    let current = start;
    for (const [i, e] of events.slice(0, upTo).entries()) {
      const payload = e.payload as HistoryEntry['event'];
      if (payload.type === 'migrated') current = loaded.get(payload.to) ?? current;
      const words =
        payload.type === 'migrated'
          ? `Moved from version ${payload.from} to version ${payload.to}`
          : describeEvent(
              payload as EngineEvent,
              current,
              openAfter.get(i - 1) ?? [],
              (id) => person(id) ?? id,
              false,
            );
      const who = person(e.actor);
      const by = who ? `${who}${e.role ? ` (${roleTitle(current, e.role)})` : ''}` : 'Automatically';
      out.push(`${String(e.seq).padStart(3)}  ${dim(clinicTime(e.at, timeZone))}  ${words} — ${by}`);
    }
    out.push(`At event ${upTo} of ${events.length}${whole ? '' : dim(' — a past state')}`);
    const statusWords = { active: 'Active', done: 'Done', cancelled: 'Cancelled' };
    out.push(
      `Status: ${snapshot ? statusWords[snapshot.status] : 'Not started'}${snapshot?.end ? ` — ${endedAt(definition, snapshot.end)}` : ''}`,
    );
    if (active.length === 0) out.push('Open steps: none');
    else {
      out.push('Open steps:');
      for (const a of active) {
        const assignee = person(a.assignee);
        const who =
          a.kind === 'wait'
            ? `waiting${a.signal ? ` for “${idToWords(a.signal)}”` : ''}`
            : `${roleTitle(definition, a.role) || 'no role'}, ${assignee ? `assigned to ${assignee}` : 'in the pool'}`;
        const extras = [a.due ? `due ${clinicTime(a.due, timeZone)}` : '', a.escalated ? 'escalated' : '']
          .filter(Boolean)
          .join(', ');
        out.push(`  “${a.title}”: ${who}${extras ? `, ${extras}` : ''}`);
      }
    }
    out.push(
      `Data: ${plural(Object.keys(snapshot?.context.data ?? {}).length, 'field')} (values not shown; use --json)`,
    );
    if (matchesStored === true) out.push(green('✓ replay matches the stored state'));
    if (matchesStored === false) out.push(red('✗ replay differs from the stored state'));
    out.push(
      chain.ok
        ? green(`✓ hash chain verifies (${plural(chain.count, 'event')})`)
        : red(`✗ hash chain broken at event ${chain.seq}: ${chain.fault} — ${chain.reason}`),
    );
    process.stdout.write(`${out.join('\n')}\n`);
    return ok ? EXIT.ok : EXIT.findings;
  } finally {
    await store.close();
  }
}

/** A patient's requests (or those an id's start fits), one a line: id, workflow, when started, status. */
async function choiceLines(store: Store, choices: InstanceSummary[], timeZone: string): Promise<string> {
  const titles = new Map<string, string>();
  for (const c of choices) {
    const key = `${c.definitionId}@${c.version}`;
    if (!titles.has(key))
      titles.set(
        key,
        (await store.getVersion(c.definitionId, c.version))?.definition.title ?? c.definitionId,
      );
  }
  const statusWords = { active: 'Active', done: 'Done', cancelled: 'Cancelled' };
  return table(
    choices.map((c) => [
      c.id,
      `${titles.get(`${c.definitionId}@${c.version}`)}, version ${c.version}${c.practice ? ' (practice)' : ''}`,
      `started ${clinicTime(c.startedAt, timeZone)}`,
      statusWords[c.status],
    ]),
  );
}
