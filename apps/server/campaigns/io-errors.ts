// I/O errors: the real app over a real libSQL file whose client fails write N (once, or from N on
// until healed) — refused outright, rolled back part-way through a batch, or committed with the
// acknowledgement lost. Staff keep working with idempotency keys; after each round writes work again
// and failed requests are retried. Pass: no 2xx for work that is not in the history, no half-applied
// step (chains, projection == replay, idempotency records all agree), no 5xx once writes work again.
import { createClient } from '@libsql/client';
import { openStore, type Store } from '@portalflow/store';
import { createApp } from '../src/app.ts';
import { defaultConfig } from '../src/config.ts';
import type { AppDeps } from '../src/deps.ts';
import { LiveHub } from '../src/live/hub.ts';
import { startTimerWorker } from '../src/timers/worker.ts';
import { tempDb } from '../test/support/prepare.ts';
import { checkAcks } from './support/acks.ts';
import { prepareClinic, REFILL_OUTCOMES, refillWorkflow } from './support/clinic.ts';
import { checkProjection, integrityCheck, storedTimers } from './support/consistency.ts';
import { type FaultKind, FaultyClient } from './support/faulty-client.ts';
import type { Ack } from './support/load.ts';
import { Prng } from './support/prng.ts';
import { type CampaignOptions, type CampaignResult, Verdict } from './support/result.ts';

interface Op {
  key: string;
  kind: 'start' | 'claim' | 'complete';
  userId: string;
  token: string;
  path: string;
  body?: unknown;
  taskToken?: string;
  outcome?: string;
  instanceId?: string;
}

export async function ioErrorsCampaign(options: CampaignOptions): Promise<CampaignResult> {
  const rounds = options.long ? 400 : 40;
  const rng = new Prng(options.seed);
  const verdict = new Verdict();
  const db = await tempDb('portalflow-io-');
  const workflow = refillWorkflow('PT5M');
  let store: Store | undefined;
  try {
    const clinic = await prepareClinic(db.url, {
      workflows: [workflow],
      users: [
        { username: 'nurse-1', roles: ['nurse'] },
        { username: 'nurse-2', roles: ['nurse'] },
        { username: 'supervisor-1', roles: ['supervisor'] },
      ],
      instances: 40,
    });
    let now = Date.now();
    const clock = () => new Date(now).toISOString();
    const faults = new FaultyClient(rng.fork());
    store = await openStore({ url: db.url, now: clock, wrapClient: (c) => faults.wrap(c) });
    const logs: string[] = [];
    const deps: AppDeps = {
      store,
      config: defaultConfig({ processId: 'io-errors', checkpoints: null }),
      live: new LiveHub(),
      clock,
      log: (line) => logs.push(line),
    };
    const { app, instances } = createApp(deps);
    const timers = startTimerWorker(deps, instances, { autostart: false });

    const send = async (op: Op) => {
      const res = await app.request(op.path, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${op.token}`,
          'idempotency-key': op.key,
          'content-type': 'application/json',
        },
        body: JSON.stringify(op.body ?? {}),
      });
      const text = await res.text();
      return {
        status: res.status,
        body: text
          ? (JSON.parse(text) as { instance?: { id: string; revision: number }; error?: { code: string } })
          : {},
      };
    };

    const acks: Ack[] = [];
    const tally = { ok: 0, failedFirst: 0, recovered: 0, after5xxStill5xx: 0, timerPassesFailed: 0 };
    const byKind: Record<FaultKind, number> = { before: 0, 'mid-batch': 0, after: 0 };
    let opNo = 0;
    const record = (op: Op, r: Awaited<ReturnType<typeof send>>) => {
      if (r.status < 200 || r.status >= 300 || !r.body.instance) return;
      acks.push({
        kind: op.kind,
        instanceId: r.body.instance.id,
        revision: r.body.instance.revision,
        userId: op.userId,
        ...(op.taskToken ? { token: op.taskToken } : {}),
        ...(op.outcome ? { outcome: op.outcome } : {}),
        atMs: 0,
        sentMs: 0,
      });
    };

    const plan = rng.fork();
    for (let round = 1; round <= rounds; round++) {
      now += 45_000;
      const kind = plan.pick(['before', 'mid-batch', 'after'] as const);
      byKind[kind] += 1;
      faults.arm({ at: plan.between(1, 8), repeat: plan.chance(0.4) ? 'from' : 'once', kind });
      // A burst of concurrent requests (they share group commits) and a timer pass.
      const open = (await store.listTasks({ scope: 'all', roles: ['nurse', 'supervisor'], limit: 200 }))
        .items;
      const ops: Op[] = [];
      for (let i = 0; i < 8; i++) {
        const user = plan.pick(clinic.users);
        const key = `io-${options.seed}-${++opNo}`;
        const mine = open.filter(
          (t) => user.roles.includes(t.role) && (!t.assignee || t.assignee === user.id),
        );
        if (user.roles.includes('nurse') && (mine.length === 0 || plan.chance(0.25))) {
          ops.push({
            key,
            kind: 'start',
            userId: user.id,
            token: user.token,
            path: '/api/instances',
            body: { definitionId: workflow.id, data: { round } },
          });
          continue;
        }
        if (mine.length === 0) continue;
        const task = plan.pick(mine);
        if (!task.assignee && plan.chance(0.4)) {
          ops.push({
            key,
            kind: 'claim',
            userId: user.id,
            token: user.token,
            path: `/api/tasks/${encodeURIComponent(task.id)}/claim`,
            taskToken: task.token,
          });
        } else {
          const outcome = plan.pick(REFILL_OUTCOMES[task.step] ?? ['done']);
          ops.push({
            key,
            kind: 'complete',
            userId: user.id,
            token: user.token,
            path: `/api/tasks/${encodeURIComponent(task.id)}/complete`,
            body: { outcome },
            taskToken: task.token,
            outcome,
          });
        }
      }
      const [results] = await Promise.all([
        Promise.all(ops.map(send)),
        timers.tick().catch(() => {
          tally.timerPassesFailed += 1;
        }),
      ]);
      const failed: Op[] = [];
      ops.forEach((op, i) => {
        const r = results[i]!;
        record(op, r);
        if (r.status >= 500) {
          failed.push(op);
          tally.failedFirst += 1;
          verdict.check(
            r.status === 503 && r.body.error?.code === 'STORE_UNAVAILABLE',
            `a failed write answered ${r.status} ${r.body.error?.code}`,
          );
        } else if (r.status < 300) tally.ok += 1;
      });
      faults.heal();
      // Writes work again: every failed request, retried with its key, gets a real answer.
      for (const op of failed) {
        const r = await send(op);
        record(op, r);
        if (r.status >= 500) {
          tally.after5xxStill5xx += 1;
          verdict.fail(`retry of a ${op.kind} after healing answered ${r.status}`);
        } else tally.recovered += 1;
      }
      await timers.tick();
      if (!options.long || round % 20 === 0 || round === rounds)
        await checkRound(db.url, store, acks, verdict);
      if (round % 100 === 0) options.log(`io-errors: round ${round}/${rounds}`);
    }
    await timers.stop();
    const integrity = await integrityCheck(db.url);
    verdict.check(integrity === 'ok', `integrity_check: ${integrity}`);
    const heads = await store.chainHeads();
    return verdict.result('io-errors', options, {
      rounds,
      'writes attempted': faults.stats.writes,
      'writes failed': faults.stats.failed,
      'failed after committing (ack lost)': faults.stats.committedButFailed,
      'rounds by fault kind': JSON.stringify(byKind),
      '2xx at first try': tally.ok,
      '503 at first try': tally.failedFirst,
      'retries answered after healing': `${tally.recovered}/${tally.failedFirst}`,
      'timer passes that failed': tally.timerPassesFailed,
      'acknowledged changes checked': acks.length,
      instances: heads.heads.length,
      events: heads.events,
      integrity_check: integrity,
    });
  } finally {
    await store?.close();
    await db.remove();
  }
}

/** After a round: acks in history, chains, projection == replay, idempotency records match events. */
async function checkRound(url: string, store: Store, acks: Ack[], verdict: Verdict): Promise<void> {
  const report = await store.verifyAll();
  for (const f of report.failures) verdict.fail(`chain: ${f.reason}`);
  await checkProjection(store, verdict, await storedTimers(url));
  const histories = new Map<string, Awaited<ReturnType<Store['listEvents']>>>();
  for (const id of new Set(acks.map((a) => a.instanceId))) histories.set(id, await store.listEvents(id));
  checkAcks(histories, acks, verdict);
  const client = createClient({ url });
  try {
    const rows = (await client.execute('SELECT response FROM idempotency')).rows;
    for (const row of rows) {
      const response = JSON.parse(String(row.response)) as { instance?: { id: string; revision: number } };
      if (!response?.instance) continue;
      const events = histories.get(response.instance.id) ?? (await store.listEvents(response.instance.id));
      verdict.check(
        events.length >= response.instance.revision,
        `an idempotency record promises revision ${response.instance.revision} of ${response.instance.id}, which is not in its history`,
      );
    }
  } finally {
    client.close();
  }
}
