// Timers across restarts: two server processes share one database with many deadlines pending,
// due over a window; one or the other is restarted (kill -9 or SIGTERM) at random points throughout.
// Pass: every deadline fires exactly once, none is left behind, and none fires more than a few
// seconds after it was due (a dead process's lease runs out, the other process takes over).
import { openStore } from '@portalflow/store';
import { servicesFor, startInstances, tempDb } from '../test/support/prepare.ts';
import { killAllServers, type ServerProcess, spawnServer } from '../test/support/processes.ts';
import { prepareClinic, refillWorkflow } from './support/clinic.ts';
import { checkDatabase } from './support/consistency.ts';
import { readHistories } from './support/histories.ts';
import { Prng } from './support/prng.ts';
import { type CampaignOptions, type CampaignResult, percentile, sleep, Verdict } from './support/result.ts';

const LEASE_MS = 2000;
/** "A few seconds": a lease to run out, a poll, and a restart's worth of slack. */
const LATE_LIMIT_MS = 6000;

export async function timersCampaign(options: CampaignOptions): Promise<CampaignResult> {
  const timers = options.long ? 10_000 : 300;
  const restarts = options.long ? 1000 : 4;
  // Deadlines spread over the window, after the servers are up (long: 100 workflows 15 s apart).
  const workflows = options.long ? 100 : 6;
  const firstDueS = options.long ? 30 : 3;
  const stepS = options.long ? 15 : 1;
  const rng = new Prng(options.seed);
  const verdict = new Verdict();
  const db = await tempDb('portalflow-timers-');
  const servers: Array<ServerProcess | null> = [null, null];
  try {
    const defs = Array.from({ length: workflows }, (_, k) =>
      refillWorkflow(`PT${firstDueS + k * stepS}S`, `deadline-${k}`),
    );
    const spawn = (slot: number, generation: number): Promise<ServerProcess> =>
      spawnServer({
        databaseUrl: db.url,
        processId: `timers-${'AB'[slot]}-${generation}`,
        timerPollMs: 100,
        timerLeaseMs: LEASE_MS,
        quiet: true,
        keepLog: false,
      });
    await prepareClinic(db.url, { workflows: defs, users: [] });
    [servers[0], servers[1]] = await Promise.all([spawn(0, 0), spawn(1, 0)]);
    // Started once both processes are up, so every deadline comes due while they run.
    const ids: string[] = [];
    {
      const starter = await openStore({ url: db.url });
      const { instances } = servicesFor(starter);
      for (let k = 0; k < workflows; k++) {
        const count = Math.floor(timers / workflows) + (k < timers % workflows ? 1 : 0);
        ids.push(...(await startInstances(instances, `deadline-${k}`, count, 200)));
      }
      await starter.close();
    }
    const store = await openStore({ url: db.url });
    let done = 0;
    const kinds = { kill9: 0, sigterm: 0 };
    const t0 = Date.now();
    try {
      let pending = await store.nextTimerDue();
      while (done < restarts) {
        await sleep(rng.between(0, options.long ? 400 : 300));
        const slot = rng.int(2);
        if (rng.chance(0.5)) {
          kinds.kill9 += 1;
          await servers[slot]!.kill9();
        } else {
          kinds.sigterm += 1;
          await servers[slot]!.stop();
        }
        servers[slot] = null;
        servers[slot] = await spawn(slot, ++done);
        if (done % 50 === 0) {
          pending = await store.nextTimerDue();
          options.log(`timers: ${done}/${restarts} restarts, next due ${pending ?? 'none'}`);
        }
      }
      const lastDueAt = t0 + (firstDueS + (workflows - 1) * stepS) * 1000;
      const deadline = Math.max(Date.now(), lastDueAt) + 30_000;
      while ((await store.nextTimerDue()) !== null && Date.now() < deadline) await sleep(200);
    } finally {
      await store.close();
      await Promise.all(servers.map((s) => s?.stop()));
    }

    const histories = await readHistories(db.url);
    const definitionOf = new Map<string, string>();
    const reader = await openStore({ url: db.url });
    for (const id of ids) definitionOf.set(id, (await reader.getInstance(id))!.definitionId);
    await reader.close();
    const lateness: number[] = [];
    let firedOnce = 0;
    let stuck = 0;
    for (const id of ids) {
      const events = histories.get(id) ?? [];
      const fired = events.filter((e) => e.type === 'timer-fired');
      if (fired.length === 0) {
        stuck += 1;
        verdict.fail(`instance ${id}: its deadline never fired`);
        continue;
      }
      verdict.check(fired.length === 1, `instance ${id}: deadline fired ${fired.length} times`);
      if (fired.length === 1) firedOnce += 1;
      // Due = the start time plus the workflow's deadline (the engine adds exact seconds).
      const k = Number(definitionOf.get(id)!.slice('deadline-'.length));
      const due = Date.parse(events[0]!.at) + (firstDueS + k * stepS) * 1000;
      const late = Date.parse(fired[0]!.at) - due;
      lateness.push(late);
      verdict.check(late <= LATE_LIMIT_MS, `instance ${id}: deadline fired ${late} ms after it was due`);
    }
    const figures = await checkDatabase(db.url, verdict);
    return verdict.result('timers', options, {
      'timers pending': timers,
      processes: 2,
      restarts: done,
      'restarts by kill -9 / SIGTERM': `${kinds.kill9} / ${kinds.sigterm}`,
      'fired exactly once': `${firedOnce}/${timers}`,
      'never fired (stuck)': stuck,
      'lateness p50 (ms)': percentile(lateness, 50),
      'lateness p99 (ms)': percentile(lateness, 99),
      'lateness max (ms)': lateness.length ? Math.max(...lateness) : 0,
      'late limit (ms)': LATE_LIMIT_MS,
      events: figures.events,
    });
  } finally {
    await killAllServers();
    await db.remove();
  }
}
