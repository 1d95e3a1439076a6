// Store benchmarks: the work-queue query over a million tasks, hash-chain verification against raw
// SHA-256, and durable commits with and without group commit. Run on temp files, removed afterwards.
import * as crypto from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { type BenchRow, medianMs } from '../../../scripts/bench-table.ts';
import { type PreparedChain, verifyPreparedChain } from '../src/chain.ts';
import { type InstanceChange, openStore, type Store, type TaskQuery, verifyChain } from '../src/index.ts';
import { readPreparedChain } from '../src/libsql/audit.ts';
import { publish, startChange } from '../test/support/workflow.ts';
import { chains, loadEvents, loadTasks, ROLES, random, USERS } from './generate.ts';
import { rawBatchWriter } from './raw-batch.ts';
import { trackingBenchmarks } from './tracking.bench.ts';

const TASKS = 1_000_000;
/** Changes per group-commit round and per raw transaction (the store's default batch limit). */
const PER_ROUND = 4000;
const BATCH = 200;
const ROUNDS = 5;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

async function withTempDb<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'portalflow-bench-'));
  try {
    return await fn(`file:${join(dir, 'bench.db')}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** (a) First pages of role queues (2 roles each), personal queues and next pages, with 1M tasks stored. */
async function queueBenchmarks(): Promise<BenchRow[]> {
  return withTempDb(async (url) => {
    const setup = await openStore({ url });
    await publish(setup);
    await setup.close();
    const started = performance.now();
    await loadTasks(url, 'portal-message-triage', TASKS);
    const loadSeconds = (performance.now() - started) / 1000;

    const store = await openStore({ url });
    const next = random(7);
    const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
    const time = async (queries: TaskQuery[]) => {
      for (const q of queries.slice(0, 50)) await store.listTasks(q); // warm the page cache
      const times: number[] = [];
      for (const q of queries) {
        const t = performance.now();
        await store.listTasks(q);
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      return { p50: percentile(times, 0.5), p99: percentile(times, 0.99) };
    };
    const pool = await time(
      Array.from({ length: 1000 }, () => ({ scope: 'pool', roles: [pick(ROLES), pick(ROLES)], limit: 50 })),
    );
    const mine = await time(
      Array.from({ length: 1000 }, () => ({ scope: 'mine', userId: pick(USERS), limit: 50 })),
    );
    const all = await time(
      Array.from({ length: 500 }, () => ({
        scope: 'all',
        roles: [pick(ROLES)],
        userId: pick(USERS),
        limit: 50,
        dueBefore: '2026-02-15T00:00:00.000Z',
      })),
    );
    // Deep pages: follow a cursor 10 pages in.
    const cursors: TaskQuery[] = [];
    for (let i = 0; i < 100; i++) {
      let q: TaskQuery = { scope: 'pool', roles: [pick(ROLES)], limit: 50 };
      for (let p = 0; p < 10; p++) q = { ...q, cursor: (await store.listTasks(q)).nextCursor };
      cursors.push(q);
    }
    const deep = await time(cursors);
    await store.close();
    const note = `${TASKS.toLocaleString('en-US')} tasks (10% open) generated in ${loadSeconds.toFixed(1)} s`;
    const row = (name: string, t: { p50: number; p99: number }, extra?: string): BenchRow => ({
      name: `${name} p99`,
      value: t.p99,
      unit: 'ms',
      goal: '< 20 ms',
      met: t.p99 < 20,
      note: `p50 ${t.p50.toFixed(2)} ms${extra ? `; ${extra}` : ''}`,
    });
    return [
      row('role queue (pool, 2 roles, 50 rows)', pool, note),
      row('my queue (mine, 50 rows)', mine),
      row('all scope + dueBefore', all),
      row('role queue, page 11 by cursor', deep),
    ];
  });
}

/**
 * (b) Verifying histories in memory, over rows as the store reads them (hash input assembled by SQLite),
 * against crypto.hash alone over the very same bytes; plus the pure verifyChain (input assembled in
 * JavaScript) and a whole-database verifyAll, reads included.
 */
async function chainBenchmarks(): Promise<BenchRow[]> {
  return withTempDb(async (url) => {
    const setup = await openStore({ url });
    await publish(setup);
    await setup.close();
    const histories = chains(2000, 100);
    const events = histories.length * 100;
    await loadEvents(url, 'portal-message-triage', histories);

    const client = createClient({ url, concurrency: 1 });
    const read: PreparedChain[] = [];
    for (const rows of histories) read.push(await readPreparedChain({ client }, rows[0]!.instanceId));
    client.close();
    const inputs = read.flatMap((chain) => chain.inputs);
    const sha = (crypto as unknown as { hash: (a: string, d: string, e: 'hex') => string }).hash;
    // Alternate the two so that load from other processes on the machine falls on both alike.
    const raw = () => {
      for (const input of inputs) sha('sha256', input, 'hex');
    };
    const verify = () => {
      for (const chain of read) if (!verifyPreparedChain(chain).ok) throw new Error('chain should verify');
    };
    const rawRuns: number[] = [];
    const verifyRuns: number[] = [];
    for (let round = 0; round < 9; round++) {
      rawRuns.push(medianMs(raw, 1));
      verifyRuns.push(medianMs(verify, 1));
    }
    const rawMs = percentile(
      rawRuns.sort((a, b) => a - b),
      0.5,
    );
    const preparedMs = percentile(
      verifyRuns.sort((a, b) => a - b),
      0.5,
    );
    const pureMs = medianMs(() => {
      for (const rows of histories) if (!verifyChain(rows).ok) throw new Error('chain should verify');
    }, 5);

    const store = await openStore({ url });
    const t = performance.now();
    const report = await store.verifyAll();
    const allMs = performance.now() - t;
    await store.close();
    if (!report.ok || report.events !== events) throw new Error('verifyAll should pass every event');

    const rate = (ms: number) => (events / ms) * 1000;
    const bytes = Math.round(inputs.reduce((n, s) => n + Buffer.byteLength(s), 0) / inputs.length);
    return [
      {
        name: 'hash-chain verify, rows as read',
        value: rate(preparedMs),
        unit: 'events/s',
        goal: '≥ 500,000/s',
        met: rate(preparedMs) >= 500_000,
        note: `${events.toLocaleString('en-US')} events in 2,000 histories, ${bytes} bytes hashed each; the store reads each event's hash input assembled by SQLite (json_quote)`,
      },
      { name: 'raw crypto.hash SHA-256, same bytes', value: rate(rawMs), unit: 'hashes/s' },
      {
        name: 'verify ÷ raw SHA-256',
        value: rawMs / preparedMs,
        unit: '×',
        goal: '≥ 0.8×',
        met: rawMs / preparedMs >= 0.8,
      },
      {
        name: 'verifyChain, input built in JS',
        value: rate(pureMs),
        unit: 'events/s',
        note: 'the pure API over arbitrary rows: string assembly costs more than the hash here',
      },
      {
        name: 'verifyAll from the database file',
        value: rate(allMs),
        unit: 'events/s',
        note: 'reads included',
      },
    ];
  });
}

/** Median of a list of numbers. */
const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    0.5,
  );

/**
 * (c) Durable commits (synchronous=FULL): one caller at a time, many callers sharing batches, and the
 * same rows written raw with prepared statements in transactions of the same size on a second file in
 * the same directory. Group and raw alternate round by round, so load from other processes on the
 * machine falls on both alike; the ratio is the median of the rounds' ratios.
 */
export async function commitBenchmarks(): Promise<BenchRow[]> {
  return withTempDb(async (url) => {
    const rawUrl = url.replace(/bench\.db$/, 'raw.db');
    const rawSetup = await openStore({ url: rawUrl });
    await publish(rawSetup);
    await rawSetup.close();
    const raw = rawBatchWriter(rawUrl.slice('file:'.length));
    const store = await openStore({ url });
    const viaClient = await openStore({ url: url.replace(/bench\.db$/, 'client.db'), driver: 'client' });
    const inline = await openStore({ url: url.replace(/bench\.db$/, 'inline.db'), writeThread: false });
    await publish(store);
    await publish(viaClient);
    await publish(inline);
    let n = 0;
    const changes = (count: number): InstanceChange[] =>
      Array.from({ length: count }, () => startChange(`c-${n++}`));
    const rate = async (count: number, run: (batch: InstanceChange[]) => Promise<void> | void) => {
      const batch = changes(count);
      const t = performance.now();
      await run(batch);
      return (count / (performance.now() - t)) * 1000;
    };
    const commit = async (s: Store, c: InstanceChange) => {
      if (!(await s.commitInstanceChange(c)).ok) throw new Error('commit lost');
    };
    const burst = (s: Store) => async (b: InstanceChange[]) =>
      void (await Promise.all(b.map((c) => commit(s, c))));
    await rate(400, burst(store)); // warm-up
    await rate(400, burst(viaClient));
    await rate(400, burst(inline));
    await rate(400, (b) => raw.write(b, BATCH));

    const single = await rate(300, async (b) => {
      for (const c of b) await commit(store, c);
    });
    const before = store.commitStats();
    const group: number[] = [];
    const rawRates: number[] = [];
    const clientRates: number[] = [];
    const inlineRates: number[] = [];
    const ratios: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const g = await rate(PER_ROUND, burst(store));
      const r = await rate(PER_ROUND, (b) => raw.write(b, BATCH));
      clientRates.push(await rate(PER_ROUND, burst(viaClient)));
      inlineRates.push(await rate(PER_ROUND, burst(inline)));
      group.push(g);
      rawRates.push(r);
      ratios.push(g / r);
    }
    const after = store.commitStats();
    // 64 clients, each committing its next change as soon as the last one is acknowledged.
    const clients = await rate(6400, async (b) => {
      await Promise.all(
        Array.from({ length: 64 }, async (_, k) => {
          for (let i = k; i < b.length; i += 64) await commit(store, b[i]!);
        }),
      );
    });
    await store.close();
    await viaClient.close();
    await inline.close();
    raw.close();
    const perBatch = (after.units - before.units) / (after.batches - before.batches);
    const ratio = median(ratios);
    return [
      {
        name: 'commits, one at a time (FULL)',
        value: single,
        unit: 'commits/s',
        note: 'each change: instance row, event, task, timer; one fsync each',
      },
      {
        name: `group commit, ${PER_ROUND.toLocaleString('en-US')} concurrent`,
        value: median(group),
        unit: 'changes/s',
        note: `${perBatch.toFixed(0)} changes per batch; native driver, prepared statements reused, writes on the write thread; median of ${ROUNDS} rounds`,
      },
      {
        name: 'raw prepared-statement batch, same rows',
        value: median(rawRates),
        unit: 'changes/s',
        note: `the same instance, event (with its SHA-256), task and timer rows, ${BATCH} per transaction, unguarded, on a second file in the same directory`,
      },
      {
        name: 'group commit ÷ raw batch',
        value: ratio,
        unit: '×',
        goal: '≥ 0.5×',
        met: ratio >= 0.5,
        note: `rounds: ${ratios.map((x) => x.toFixed(2)).join(', ')}`,
      },
      {
        name: 'group commit via @libsql/client',
        value: median(clientRates),
        unit: 'changes/s',
        note: 'the code path a libsql:// or http:// URL takes, here on a file: statements prepared on every call',
      },
      {
        name: 'group commit, writes on the calling thread',
        value: median(inlineRates),
        unit: 'changes/s',
        note: 'native driver with `writeThread: false`: what the write thread costs or saves in a burst',
      },
      { name: 'commits, 64 closed-loop clients (group)', value: clients, unit: 'commits/s' },
    ];
  });
}

/** The store's read benchmarks, as rows for `printTable` (commits: `commitBenchmarks`). About a minute, mostly generating 1M tasks. */
export async function storeBenchmarks(): Promise<BenchRow[]> {
  return [...(await chainBenchmarks()), ...(await queueBenchmarks()), ...(await trackingBenchmarks())];
}
