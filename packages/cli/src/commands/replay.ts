import {
  canonicalJson,
  type Definition,
  type HistoryEntry,
  historyVersions,
  type InstanceSnapshot,
  PortalflowError,
  replay,
} from '@portalflow/engine';
import { bold, dim, green, plural, red } from '../format.ts';
import { CliError, EXIT } from '../io.ts';
import { databaseUrl, openExisting } from './database.ts';

export interface ReplayOptions {
  at?: string;
  db?: string;
  json: boolean;
}

/**
 * `portalflow replay <instanceId> [--at N]`: folds the instance's recorded events (the first N) through
 * the engine and prints the state: status, active steps with their roles, and how many data fields
 * there are — never their values, which can be patient data (`--json` includes them, for machines).
 * Replaying the whole history also checks it against the stored state and the hash chain: a
 * difference exits 1.
 */
export async function replayCommand(positionals: string[], options: ReplayOptions): Promise<number> {
  const [instanceId, ...extra] = positionals;
  if (instanceId === undefined || extra.length > 0)
    throw new CliError('replay takes one instance id: portalflow replay <instanceId> [--at N]', EXIT.usage);
  let at: number | undefined;
  if (options.at !== undefined) {
    if (!/^\d+$/.test(options.at) || Number(options.at) < 1)
      throw new CliError(`--at: '${options.at}' is not an event number (1, 2, …)`, EXIT.usage);
    at = Number(options.at);
  }
  const store = await openExisting(databaseUrl(options.db));
  try {
    const instance = await store.getInstance(instanceId);
    if (!instance)
      throw new CliError(`no instance '${instanceId}' in this database`, EXIT.usage, 'NOT_FOUND');
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
    try {
      snapshot = replay(start, history, { at: upTo, versions: (v) => loaded.get(v) });
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

    const out: string[] = [];
    out.push(
      `${bold(`instance ${instanceId}`)} — ${definition.title} (${instance.definitionId} v${instance.version})`,
    );
    out.push(
      `at event ${upTo} of ${events.length}${last ? ` (${last.type}, ${last.at})` : ''}${whole ? '' : dim(' — a past state')}`,
    );
    out.push(
      `status: ${snapshot?.status ?? 'not started'}${snapshot?.end ? ` at ${snapshot.end.step}${snapshot.end.outcome ? ` (${snapshot.end.outcome})` : ''}` : ''}`,
    );
    if (active.length === 0) out.push('active steps: none');
    else {
      out.push('active steps:');
      for (const a of active) {
        const who =
          a.kind === 'wait'
            ? `waiting${a.signal ? ` for signal ${a.signal}` : ''}`
            : `role ${a.role ?? '—'}, ${a.assignee ? `assigned to ${a.assignee}` : 'in the pool'}`;
        const extras = [a.due ? `due ${a.due}` : '', a.escalated ? 'escalated' : '']
          .filter(Boolean)
          .join(', ');
        out.push(`  ${a.step} — ${a.title}: ${who}${extras ? `, ${extras}` : ''}`);
      }
    }
    out.push(
      `data: ${plural(Object.keys(snapshot?.context.data ?? {}).length, 'field')} (values not shown; use --json)`,
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
