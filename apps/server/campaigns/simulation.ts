// Deterministic simulation: the real app and store (a libSQL file behind a fault-injecting client)
// driven by a seeded schedule — no wall clock, no Math.random. Each step runs one to three actions
// at once (start, claim, release, complete, signal, cancel, an admin changing the clinic hours and
// moving the open requests onto them, time passing with deadlines firing),
// sometimes with write N failing or the process restarting. After every step: at most one assignee
// per task, every instance ended or waiting on a declared step, chains valid, projection == replay.
// The trace is a pure function of the seed: a failing seed replays exactly.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Definition,
  type InstanceSnapshot,
  parseDefinition,
  type RecordedEvent,
  replay,
} from '@portalflow/engine';
import { openStore, type Store, sha256Hex } from '@portalflow/store';
import { createApp } from '../src/app.ts';
import { defaultConfig } from '../src/config.ts';
import type { AppDeps } from '../src/deps.ts';
import { LiveHub } from '../src/live/hub.ts';
import { startTimerWorker, type TimerWorker } from '../src/timers/worker.ts';
import { publish, toolToken } from '../test/support/prepare.ts';
import { checkProjection, storedTimers } from './support/consistency.ts';
import { FaultyClient } from './support/faulty-client.ts';
import { Prng } from './support/prng.ts';
import { type CampaignOptions, type CampaignResult, Verdict } from './support/result.ts';

export const simWorkflow: Definition = parseDefinition({
  id: 'sim-referral',
  title: 'Portal message with a referral',
  roles: [
    { id: 'front-desk', name: 'Front desk' },
    { id: 'nurse', name: 'Nurse' },
    { id: 'provider', name: 'Provider' },
    { id: 'supervisor', name: 'Supervisor' },
  ],
  start: 'intake',
  // Whether the message is urgent comes with it: the decision after sorting reads it.
  intake: { roles: ['front-desk', 'nurse'], form: [{ id: 'urgent', label: 'Urgent', type: 'boolean' }] },
  steps: {
    intake: {
      type: 'task',
      role: 'front-desk',
      title: 'Sort the message',
      outcomes: { clinical: 'triage', admin: 'closed' },
      deadline: { after: 'PT30M', escalateTo: 'supervisor' },
    },
    triage: {
      type: 'decision',
      branches: [{ when: 'data.urgent == true', to: 'call' }],
      otherwise: 'review',
    },
    call: {
      type: 'task',
      role: 'nurse',
      title: 'Call the patient',
      outcomes: { reached: 'closed', 'needs-provider': 'review' },
    },
    review: { type: 'parallel', branches: ['nurse-note', 'provider-sign'], join: 'await-patient' },
    'nurse-note': {
      type: 'task',
      role: 'nurse',
      title: 'Write the note',
      outcomes: { done: 'await-patient' },
    },
    'provider-sign': {
      type: 'task',
      role: 'provider',
      title: 'Sign the referral',
      outcomes: { signed: 'await-patient' },
      // Business hours: an admin changing the clinic hours moves it while it is open.
      deadline: { after: 'PT2H', calendar: 'business', escalateTo: 'supervisor' },
    },
    'await-patient': {
      type: 'wait',
      signal: 'patient-replied',
      next: 'closed',
      deadline: { after: 'PT3H', goTo: 'closed' },
    },
    closed: { type: 'end', outcome: 'resolved' },
  },
});

const USERS = [
  { id: 'u-fd-1', username: 'fd-1', roles: ['front-desk'] },
  { id: 'u-nurse-1', username: 'nurse-1', roles: ['nurse'] },
  { id: 'u-nurse-2', username: 'nurse-2', roles: ['nurse'] },
  { id: 'u-prov-1', username: 'prov-1', roles: ['provider'] },
  { id: 'u-sup-1', username: 'sup-1', roles: ['supervisor', 'front-desk'] },
  { id: 'u-lead', username: 'lead', roles: ['designer'] },
  { id: 'u-admin', username: 'admin', roles: ['admin'] },
] as const;
type SimUser = (typeof USERS)[number];

const T0 = Date.parse('2026-03-02T08:00:00.000Z');

interface World {
  store: Store;
  deps: AppDeps;
  app: ReturnType<typeof createApp>['app'];
  timers: TimerWorker;
}

export interface SimulationRun {
  trace: string[];
  verdict: Verdict;
  figures: CampaignResult['figures'];
}

/** Runs `steps` steps of the schedule for `seed` on a fresh database. */
export async function simulate(seed: number, steps: number): Promise<SimulationRun> {
  const rng = new Prng(seed);
  const verdict = new Verdict();
  const trace: string[] = [];
  const dir = await mkdtemp(join(tmpdir(), 'portalflow-sim-'));
  const url = `file:${join(dir, 'sim.db')}`;
  let now = T0;
  const clock = () => new Date(now).toISOString();
  const faults = new FaultyClient(rng.fork());
  const tokens = new Map<string, string>();
  const aliases = new Map<string, string>();
  const alias = (id: string) => {
    let a = aliases.get(id);
    if (!a) {
      a = `i${aliases.size + 1}`;
      aliases.set(id, a);
    }
    return a;
  };
  const figures = { actions: 0, faultsArmed: 0, writesFailed: 0, restarts: 0, ticks: 0 };
  const statuses = new Map<string, number>();
  let keyNo = 0;
  let world: World | null = null;
  const seen = new Map<string, number>();

  const open = async (): Promise<World> => {
    // Writes on the calling thread: with a write thread, how concurrent changes fall into batches
    // would depend on thread timing, and the same seed must give the same trace.
    const store = await openStore({ url, now: clock, writeThread: false, wrapClient: (c) => faults.wrap(c) });
    const deps: AppDeps = {
      store,
      config: defaultConfig({ processId: 'sim', checkpoints: null }),
      live: new LiveHub(),
      clock,
      log: () => {},
    };
    const { app, instances } = createApp(deps);
    return { store, deps, app, timers: startTimerWorker(deps, instances, { autostart: false }) };
  };

  try {
    world = await open();
    await publish(world.store, simWorkflow);
    for (const u of USERS) {
      const made = await world.store.createUser({
        id: u.id,
        username: u.username,
        passwordHash: 'unused',
        roles: [...u.roles],
        at: clock(),
      });
      if (!made.ok) throw new Error(`user ${u.username}: ${made.reason}`);
      tokens.set(u.id, await toolToken(world.store, u.id, u.roles, { name: 'sim', at: clock() }));
    }

    const call = async (user: SimUser, path: string, body: unknown, method = 'POST') => {
      const res = await world!.app.request(path, {
        method,
        headers: {
          authorization: `Bearer ${tokens.get(user.id)}`,
          'content-type': 'application/json',
          'idempotency-key': `sim-${seed}-${++keyNo}`,
        },
        body: JSON.stringify(body),
      });
      const json = (await res.json()) as {
        instance?: { id: string; revision: number };
        moved?: { requests: number; deadlines: number; failed: number } | null;
        error?: { code: string };
      };
      statuses.set(String(res.status), (statuses.get(String(res.status)) ?? 0) + 1);
      const moved = json.moved
        ? ` moved ${json.moved.requests}/${json.moved.deadlines}/${json.moved.failed}`
        : '';
      return `${res.status}${json.error ? ` ${json.error.code}` : ''}${json.instance ? ` ${alias(json.instance.id)}@${json.instance.revision}` : ''}${moved}`;
    };

    for (let step = 1; step <= steps; step++) {
      const w = world;
      const tasks = (
        await w.store.listTasks({
          scope: 'all',
          roles: ['front-desk', 'nurse', 'provider', 'supervisor'],
          limit: 500,
        })
      ).items;
      const waiting = (await w.store.listInstances({ status: 'active', limit: 500 })).items;
      const arm = rng.chance(0.15);
      if (arm) {
        figures.faultsArmed += 1;
        faults.arm({
          at: rng.between(1, 4),
          repeat: rng.chance(0.3) ? 'from' : 'once',
          kind: rng.pick(['before', 'mid-batch', 'after'] as const),
        });
      }
      const planned: Array<() => Promise<string>> = [];
      for (let k = rng.between(1, 3); k > 0; k--) {
        const roll = rng.next();
        const user = rng.pick(USERS);
        if (roll < 0.18) {
          const starter = rng.pick([USERS[0], USERS[1]]);
          const urgent = rng.chance(0.3);
          planned.push(
            async () =>
              `start ${starter.username} urgent=${urgent} → ${await call(starter, '/api/instances', { definitionId: simWorkflow.id, data: { urgent } })}`,
          );
        } else if (roll < 0.75 && tasks.length > 0) {
          const task = rng.pick(tasks);
          const owners = USERS.filter((u) => (u.roles as readonly string[]).includes(task.role));
          const user = owners.length > 0 && rng.chance(0.85) ? rng.pick(owners) : rng.pick(USERS);
          const label = `${alias(task.instanceId)}:${task.token}`;
          const path = `/api/tasks/${encodeURIComponent(task.id)}`;
          const what = rng.next();
          if (what < 0.35)
            planned.push(
              async () => `claim ${user.username} ${label} → ${await call(user, `${path}/claim`, {})}`,
            );
          else if (what < 0.45)
            planned.push(
              async () => `release ${user.username} ${label} → ${await call(user, `${path}/release`, {})}`,
            );
          else {
            const step = simWorkflow.steps[task.step];
            const outcomes = step?.type === 'task' ? Object.keys(step.outcomes) : ['done'];
            const outcome = rng.chance(0.05) ? 'not-an-outcome' : rng.pick(outcomes);
            planned.push(
              async () =>
                `complete ${user.username} ${label} ${outcome} → ${await call(user, `${path}/complete`, { outcome })}`,
            );
          }
        } else if (roll < 0.82 && waiting.length > 0) {
          const inst = rng.pick(waiting);
          planned.push(
            async () =>
              `signal ${user.username} ${alias(inst.id)} → ${await call(user, `/api/instances/${inst.id}/signal`, { name: 'patient-replied' })}`,
          );
        } else if (roll < 0.84 && waiting.length > 0) {
          const inst = rng.pick(waiting);
          planned.push(
            async () =>
              `cancel lead ${alias(inst.id)} → ${await call(USERS[5], `/api/instances/${inst.id}/cancel`, { reason: 'duplicate' })}`,
          );
        } else if (roll >= 0.84 && roll < 0.86) {
          // The clinic closes today (or opens again), or its closing time moves; the open requests move too.
          const today = new Date(now).toISOString().slice(0, 10);
          const closeToday = rng.chance(0.5);
          const closing = rng.pick(['15:00', '17:00', '19:00']);
          planned.push(async () => {
            const stored = await w.store.getClinicCalendar();
            const weekdays = Object.fromEntries(
              ['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [['08:00', closing]]]),
            );
            const body = {
              hours: weekdays,
              closures: closeToday ? [{ date: today, name: 'Closed' }] : [],
              expectedRevision: stored?.revision ?? 0,
              moveOpenRequests: true,
            };
            return `hours admin close=${closing}${closeToday ? ' closed today' : ''} → ${await call(USERS[6], '/api/clinic/hours', body, 'PUT')}`;
          });
        } else {
          const minutes = rng.between(1, 120);
          planned.push(async () => {
            now += minutes * 60_000;
            figures.ticks += 1;
            const fired = await w.timers.tick().then(
              (n) => String(n),
              () => 'failed',
            );
            return `advance ${minutes}m, deadlines fired ${fired}`;
          });
        }
      }
      figures.actions += planned.length;
      const failedBefore = faults.stats.failed;
      const results = await Promise.all(planned.map((p) => p()));
      faults.heal();
      figures.writesFailed += faults.stats.failed - failedBefore;
      trace.push(
        `#${step} ${new Date(now).toISOString().slice(11, 16)}${arm ? ' [fault]' : ''} ${results.join(' | ')}`,
      );
      if (rng.chance(0.03)) {
        figures.restarts += 1;
        await w.timers.stop();
        await w.store.close();
        world = await open();
        trace.push(`#${step} restart`);
      }
      const before = verdict.count;
      await checkInvariants(world.store, url, verdict, `step ${step} (seed ${seed})`, seen);
      if (verdict.count > before) {
        trace.push(`#${step} invariant broken`);
        break;
      }
    }
    const heads = await world.store.chainHeads();
    const digest = sha256Hex(
      heads.heads
        .map((h) => `${alias(h.instanceId)} ${h.seq} ${h.hash}`)
        .sort()
        .join('\n'),
    );
    trace.push(`heads ${heads.heads.length} instances ${heads.events} events ${digest}`);
    return {
      trace,
      verdict,
      figures: {
        steps,
        ...figures,
        responses: JSON.stringify(Object.fromEntries([...statuses].sort())),
        instances: heads.heads.length,
        events: heads.events,
        'trace digest': sha256Hex(trace.join('\n')).slice(0, 16),
      },
    };
  } finally {
    await world?.timers.stop();
    await world?.store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The invariants, judged on the store after a step: every chain (all of them, each time); projection,
 * step and assignee rules for each instance that changed since `seen` (all when `seen` is omitted).
 */
export async function checkInvariants(
  store: Store,
  url: string,
  verdict: Verdict,
  where: string,
  seen?: Map<string, number>,
): Promise<void> {
  const report = await store.verifyAll();
  for (const f of report.failures) verdict.fail(`${where}: chain: ${f.reason}`);
  const heads = (await store.chainHeads()).heads;
  const changed = new Set(heads.filter((h) => seen?.get(h.instanceId) !== h.seq).map((h) => h.instanceId));
  for (const h of heads) seen?.set(h.instanceId, h.seq);
  await checkProjection(store, verdict, await storedTimers(url), changed);
  for (const id of changed) {
    const instance = (await store.getInstance(id))!;
    const active = Object.values(instance.snapshot.context.active);
    if (instance.status !== 'active') {
      verdict.check(active.length === 0, `${where}: ended instance ${instance.id} still has active steps`);
    } else {
      verdict.check(active.length > 0, `${where}: instance ${instance.id} is active but waits on nothing`);
      for (const a of active) {
        const step = simWorkflow.steps[a.step];
        verdict.check(
          step !== undefined && (step.type === 'task' || step.type === 'wait') && a.kind === step.type,
          `${where}: instance ${instance.id} waits on '${a.step}', which is not a declared task or wait`,
        );
        if (a.kind === 'task')
          verdict.check(
            simWorkflow.roles.some((r) => r.id === a.role),
            `${where}: task ${a.token} of ${instance.id} is owned by undeclared role '${a.role}'`,
          );
      }
    }
    // At most one assignee: nobody claims a task someone else holds at that moment (as replay shows it).
    const events = await store.listEvents(instance.id);
    let before: InstanceSnapshot | null = null;
    try {
      replay(
        simWorkflow,
        events.map((e) => ({ at: e.at, event: e.payload as RecordedEvent['event'] })),
        {
          onEvent: (i, snapshot) => {
            const e = events[i]!;
            const p = e.payload as { token?: string; assignee?: string | null; actor?: string };
            if (e.type === 'reassign' && p.assignee && p.assignee === p.actor && before) {
              const held = Object.values(before.context.active).find((a) => a.token === p.token)?.assignee;
              if (held && held !== p.assignee)
                verdict.fail(
                  `${where}: ${p.assignee} claimed task ${p.token} of ${instance.id} while ${held} held it`,
                );
            }
            before = snapshot;
          },
        },
      );
    } catch {
      verdict.fail(`${where}: instance ${instance.id} does not replay`);
    }
  }
}

export async function simulationCampaign(options: CampaignOptions): Promise<CampaignResult> {
  const steps = options.long ? 3000 : 100;
  const run = await simulate(options.seed, steps);
  if (!run.verdict.failures.length) return run.verdict.result('simulation', options, run.figures);
  // A failure names its seed; the last lines of the trace show how the schedule got there.
  for (const line of run.trace.slice(-8)) options.log(`  trace: ${line}`);
  return run.verdict.result('simulation', options, run.figures);
}
