// Server benchmarks: durable task completions per second over real HTTP against a real listener and a
// real database file (synchronous=FULL, group commit), next to a bare Hono JSON endpoint driven by the
// very same 32-client loop. Server and baseline each run in their own process, so the clients (this
// process) and the server do not share an event loop; on 2 cores that is one core each. The clients use
// an undici Pool (keep-alive, 32 connections): Node 20's global fetch managed under 2k req/s here, less
// than the baseline server can answer, so it would have measured the client instead.
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { type ActiveStep, type Definition, parseDefinition } from '@portalflow/engine';
import { openStore } from '@portalflow/store';
import { Pool } from 'undici';
import type { BenchRow } from '../../../scripts/bench-table.ts';
import { publish, servicesFor, startInstances, tempDb, userWithToken } from '../test/support/prepare.ts';
import { killAllServers, type ServerProcess, spawnReady, spawnServer } from '../test/support/processes.ts';
import { cpuPerOp, threadCpu } from './support/thread-cpu.ts';
import { walWritten } from './support/wal-written.ts';

const CLIENTS = 32;
/** Instances each client works on, round robin: enough that its requests never race each other. */
const PER_CLIENT = 4;
/**
 * A freshly spawned server compiles its hot paths (V8's tiers) during its first seconds; three
 * processes sharing the load each take three times as long to see the same number of requests.
 * Every loop warms for this long, and server CPU is read at the window's edges, not from the spawn.
 */
const WARM_MS = 3000;
const MEASURE_MS = 5000;
/** Completions per client in the pages-per-completion run. */
const PAGE_RUN = 20;
/** Server processes sharing the one database file in the multi-process figure. */
const PROCESSES = 3;

// `again` opens the same step as a new task, so a few instances supply tasks for the whole run. The
// deadline makes every complete clear one durable timer and set another, like real work.
const workflow: Definition = parseDefinition({
  id: 'bench-review',
  title: 'Portal message review',
  roles: [
    { id: 'nurse', name: 'Triage nurse' },
    { id: 'supervisor', name: 'Nursing supervisor' },
  ],
  start: 'review',
  // What the bench starts instances with (start data is held to the start form).
  intake: {
    roles: ['nurse'],
    form: [
      { id: 'n', label: 'Request number', type: 'number' },
      { id: 'client', label: 'Client', type: 'number' },
    ],
  },
  steps: {
    review: {
      type: 'task',
      role: 'nurse',
      title: 'Review the portal message',
      outcomes: { again: 'review', done: 'closed' },
      deadline: { after: 'PT4H', escalateTo: 'supervisor' },
    },
    closed: { type: 'end', outcome: 'resolved' },
  },
});

interface LoopResult {
  ok: number;
  failed: number;
  seconds: number;
  /** Latencies of the successful requests in the measured window, ms, ascending. */
  latencies: number[];
}

/**
 * `clients` closed loops (each sends its next request when the last one answered) for a warm-up and
 * then `measureMs`; only requests that start and finish inside the measured window are counted.
 * `edges` runs at the window's start and end (to read the server's CPU there).
 */
async function closedLoop(
  clients: number,
  measureMs: number,
  send: (client: number) => Promise<boolean>,
  edges?: { start(): void; end(): void },
): Promise<LoopResult> {
  const begin = performance.now() + WARM_MS;
  const end = begin + measureMs;
  const timers = edges ? [setTimeout(edges.start, WARM_MS), setTimeout(edges.end, WARM_MS + measureMs)] : [];
  const latencies: number[] = [];
  let ok = 0;
  let failed = 0;
  await Promise.all(
    Array.from({ length: clients }, async (_, k) => {
      for (let n = 0; n < 1_000_000; n++) {
        const t = performance.now();
        if (t >= end) return;
        let good = false;
        try {
          good = await send(k);
        } catch {
          good = false;
        }
        const done = performance.now();
        if (t < begin || done > end) continue;
        if (good) {
          ok++;
          latencies.push(done - t);
        } else failed++;
      }
    }),
  );
  for (const t of timers) clearTimeout(t);
  latencies.sort((a, b) => a - b);
  return { ok, failed, seconds: measureMs / 1000, latencies };
}

/** Per-thread CPU of server processes read at a loop's window edges (see `closedLoop`). */
function cpuWindow(pids: number[]) {
  const at: { start?: ReturnType<typeof threadCpu>[]; end?: ReturnType<typeof threadCpu>[] } = {};
  return {
    edges: {
      start: () => {
        at.start = pids.map(threadCpu);
      },
      end: () => {
        at.end = pids.map(threadCpu);
      },
    },
    /** CPU per operation of each process over the window, or null where it could not be read. */
    perOp: (ops: number) =>
      pids.map((pid, n) => (at.start && at.end ? cpuPerOp(pid, at.start[n]!, at.end[n]!, ops) : null)),
  };
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

/** Completions over HTTP and in-process, and the bare-Hono baseline, as rows for `printTable`. About 30 s. */
export async function serverBenchmarks(): Promise<BenchRow[]> {
  const db = await tempDb('portalflow-bench-server-');
  const running: ServerProcess[] = [];
  try {
    const setup = await openStore({ url: db.url });
    await publish(setup, workflow);
    const nurse = await userWithToken(setup, 'bench-nurse', ['nurse']);
    const ids = await startInstances(servicesFor(setup).instances, workflow.id, CLIENTS * PER_CLIENT);
    // Each client's current task on each of its instances (the first task's id, then what each answer names).
    const current: string[][] = [];
    for (let k = 0; k < CLIENTS; k++) {
      const row: string[] = [];
      for (const id of ids.slice(k * PER_CLIENT, (k + 1) * PER_CLIENT)) {
        const instance = (await setup.getInstance(id))!;
        row.push(`${id}:${Object.values(instance.snapshot.context.active)[0]!.token}`);
      }
      current.push(row);
    }

    // The floor under the HTTP figure: the same completes through InstanceService in this process, on
    // other instances of the same file (engine + group commit; no HTTP, auth or access log).
    const { instances: service } = servicesFor(setup);
    const direct = await startInstances(service, workflow.id, CLIENTS * PER_CLIENT);
    const directTurn = new Array<number>(CLIENTS).fill(0);
    // Each instance's open task, read once before measuring and then taken from each change's result.
    const openTask = (instance: {
      snapshot: { context: { active: Record<string, ActiveStep> } };
    }): ActiveStep => Object.values(instance.snapshot.context.active)[0]!;
    const open = new Map(
      await Promise.all(direct.map(async (id) => [id, openTask((await service.load(id)).instance)] as const)),
    );
    const inProcess = await closedLoop(CLIENTS, MEASURE_MS, async (k) => {
      const slot = directTurn[k]! % PER_CLIENT;
      directTurn[k] = slot + 1;
      const id = direct[k * PER_CLIENT + slot]!;
      const task = open.get(id)!;
      const applied = await service.act({ user: null, role: null }, id, {
        type: 'system',
        event: { type: 'complete', step: task.step, token: task.token, outcome: 'again', role: 'nurse' },
      });
      open.set(id, openTask(applied.instance));
      return true;
    });
    await setup.close();

    const headers = {
      authorization: `Bearer ${nurse.token}`,
      'content-type': 'application/json',
    };
    const body = JSON.stringify({ outcome: 'again', note: 'reviewed' });
    const turn = new Array<number>(CLIENTS).fill(0);
    /** Client k completes the open task of its next instance through `pool`; the answer names the next task. */
    const completeNext = async (pool: Pool, k: number) => {
      const slot = turn[k]! % PER_CLIENT;
      turn[k] = slot + 1;
      const res = await pool.request({
        path: `/api/tasks/${encodeURIComponent(current[k]![slot]!)}/complete`,
        method: 'POST',
        headers,
        body,
      });
      const answer = (await res.body.json()) as { instance?: { active?: Array<{ taskId: string }> } };
      const next = answer.instance?.active?.[0]?.taskId;
      if (res.statusCode !== 200 || !next) return false;
      current[k]![slot] = next;
      return true;
    };

    // The real server, as `portalflow serve` runs it (request log on, to a drained pipe).
    const server = await spawnServer({ databaseUrl: db.url, processId: 'bench', keepLog: false });
    running.push(server);
    const serverPool = new Pool(server.url, { connections: CLIENTS });
    const serverCpu = cpuWindow([server.pid]);
    const completes = await closedLoop(
      CLIENTS,
      MEASURE_MS,
      (k) => completeNext(serverPool, k),
      serverCpu.edges,
    );
    // CPU per completion over the measured window.
    const [cpu] = serverCpu.perOp(completes.ok);
    // Pages written per completion: a fixed run of completions (each with its note) with the WAL pinned.
    // A restart of the WAL under the pin (rare: see walWritten) is counted again, up to three times.
    const pageRun = async () => {
      await Promise.all(
        Array.from({ length: CLIENTS }, async (_, k) => {
          for (let n = 0; n < PAGE_RUN; n++) {
            const slot = turn[k]! % PER_CLIENT;
            turn[k] = slot + 1;
            const res = await serverPool.request({
              path: `/api/tasks/${encodeURIComponent(current[k]![slot]!)}/complete`,
              method: 'POST',
              headers,
              body,
            });
            const answer = (await res.body.json()) as { instance?: { active?: Array<{ taskId: string }> } };
            const next = answer.instance?.active?.[0]?.taskId;
            if (res.statusCode !== 200 || !next) throw new Error(`completion answered ${res.statusCode}`);
            current[k]![slot] = next;
          }
        }),
      );
    };
    let written = await walWritten(db.url, pageRun);
    for (let again = 0; written.restarted && again < 2; again++) written = await walWritten(db.url, pageRun);
    // Instance starts on the same server: a new instance, its first task and timer, access log.
    const startBody = (k: number) => JSON.stringify({ definitionId: workflow.id, data: { client: k } });
    const starts = await closedLoop(CLIENTS, MEASURE_MS, async (k) => {
      const res = await serverPool.request({
        path: '/api/instances',
        method: 'POST',
        headers,
        body: startBody(k),
      });
      const answer = (await res.body.json()) as { instance?: { id?: string } };
      return res.statusCode === 201 && typeof answer.instance?.id === 'string';
    });
    await serverPool.close();
    await server.stop();

    // The same completion loop against PROCESSES server processes on the same file, each client
    // sticking to one process (round robin), as behind a load balancer. The first to start is the
    // file's writer; the others forward their commit batches to it, and batches waiting together
    // share one transaction and fsync. This shows what more processes add, or cost.
    const fleet: ServerProcess[] = [];
    for (let n = 0; n < PROCESSES; n++) {
      const proc = await spawnServer({ databaseUrl: db.url, processId: `bench-${n}`, keepLog: false });
      fleet.push(proc);
      running.push(proc);
    }
    const fleetPools = fleet.map(
      (proc) => new Pool(proc.url, { connections: Math.ceil(CLIENTS / PROCESSES) }),
    );
    const fleetWindow = cpuWindow(fleet.map((proc) => proc.pid));
    const multi = await closedLoop(
      CLIENTS,
      MEASURE_MS,
      (k) => completeNext(fleetPools[k % PROCESSES]!, k),
      fleetWindow.edges,
    );
    // All the fleet's CPU per completion over the window, beside the one process's figure.
    const fleetCpu = fleetWindow
      .perOp(multi.ok)
      .reduce(
        (sum, c) =>
          c && sum ? { loops: sum.loops + c.eventLoop, rest: sum.rest + c.writeThread + c.rest } : null,
        { loops: 0, rest: 0 } as { loops: number; rest: number } | null,
      );
    await Promise.all(fleetPools.map((pool) => pool.close()));
    await Promise.all(fleet.map((proc) => proc.stop()));

    // Every acknowledged completion is in a verifiable history.
    const check = await openStore({ url: db.url });
    const report = await check.verifyAll();
    await check.close();

    const bare = await spawnReady(
      fileURLToPath(new URL('./support/bare-hono.ts', import.meta.url)),
      {},
      { keepLog: false },
    );
    running.push(bare);
    const barePool = new Pool(bare.url, { connections: CLIENTS });
    const baseline = await closedLoop(CLIENTS, MEASURE_MS, async () => {
      const res = await barePool.request({
        path: '/api/tasks/bench/complete',
        method: 'POST',
        headers,
        body,
      });
      await res.body.json();
      return res.statusCode === 200;
    });
    const bareStarts = await closedLoop(CLIENTS, MEASURE_MS, async (k) => {
      const res = await barePool.request({
        path: '/api/instances',
        method: 'POST',
        headers,
        body: startBody(k),
      });
      await res.body.json();
      return res.statusCode === 201;
    });
    await barePool.close();
    await bare.stop();

    const perSecond = completes.ok / completes.seconds;
    const barePerSecond = baseline.ok / baseline.seconds;
    const ratio = perSecond / barePerSecond;
    const p50 = percentile(completes.latencies, 0.5);
    const p99 = percentile(completes.latencies, 0.99);
    const startsPerSecond = starts.ok / starts.seconds;
    const startRatio = startsPerSecond / (bareStarts.ok / bareStarts.seconds);
    const startP99 = percentile(starts.latencies, 0.99);
    const multiPerSecond = multi.ok / multi.seconds;
    const multiRatio = multiPerSecond / perSecond;
    const multiP99 = percentile(multi.latencies, 0.99);
    return [
      {
        name: 'task completions over HTTP (FULL)',
        value: perSecond,
        unit: 'completes/s',
        note:
          `${CLIENTS} keep-alive undici clients for ${MEASURE_MS / 1000} s after ${WARM_MS / 1000} s warm-up, ` +
          `each completing tasks of its own ${PER_CLIENT} instances (token auth, access log, timer re-set); ` +
          `${completes.failed} failed; verifyAll ${report.ok ? 'ok' : 'FAILED'} over ${report.events.toLocaleString('en-US')} events`,
      },
      {
        name: 'task completions in-process (no HTTP)',
        value: inProcess.ok / inProcess.seconds,
        unit: 'completes/s',
        note: `InstanceService.act from ${CLIENTS} concurrent loops on the same file: what the store and engine allow before HTTP, auth and the access log`,
      },
      {
        name: 'bare Hono JSON endpoint, same loop',
        value: barePerSecond,
        unit: 'req/s',
        note: `${baseline.failed} failed; the client process (one core) is part of this figure`,
      },
      {
        name: 'completions ÷ bare Hono',
        value: ratio,
        unit: '×',
        goal: '≥ 0.2×',
        met: ratio >= 0.2,
      },
      { name: 'complete latency p50', value: p50, unit: 'ms' },
      ...(cpu
        ? [
            {
              name: 'server CPU per completion',
              value: cpu.eventLoop + cpu.writeThread + cpu.rest,
              unit: 'µs',
              note:
                `event loop ${cpu.eventLoop.toFixed(0)} µs (HTTP, auth, engine, JSON; its ceiling ${(1e6 / cpu.eventLoop).toFixed(0)}/s), ` +
                `write thread ${cpu.writeThread.toFixed(0)} µs (SQLite and fsync share), other threads ${cpu.rest.toFixed(0)} µs (GC, compiler); ` +
                `on ${availableParallelism()} cores, half a core left to the clients, no single process passes ~${(((availableParallelism() - 0.5) * 1e6) / (cpu.eventLoop + cpu.writeThread + cpu.rest)).toFixed(0)}/s`,
            },
          ]
        : []),
      { name: 'complete latency p99', value: p99, unit: 'ms', goal: '< 50 ms', met: p99 < 50 },
      {
        name: 'WAL pages written per completion',
        value: written.pages / (CLIENTS * PAGE_RUN),
        unit: 'pages',
        note: written.restarted
          ? 'not counted: SQLite restarted the WAL under the pinned reader in three runs'
          : `${(CLIENTS * PAGE_RUN).toLocaleString('en-US')} completions with a note from ${CLIENTS} clients: ${written.pages.toLocaleString('en-US')} pages of 4 KB in ${written.commits} commits (${((CLIENTS * PAGE_RUN) / Math.max(1, written.commits)).toFixed(1)} completions each); counted from the WAL's frames, unaffected by the machine's speed except through how many changes share a commit; most per completion: ${written.byTree
              .slice(0, 6)
              .map((t) => `${t.name} ${(t.frames / (CLIENTS * PAGE_RUN)).toFixed(2)}`)
              .join(', ')}`,
      },
      {
        name: 'instance starts over HTTP (FULL)',
        value: startsPerSecond,
        unit: 'starts/s',
        note: `the same ${CLIENTS} clients POST /api/instances (token auth, access log, first task and its timer); ${starts.failed} failed`,
      },
      {
        name: 'bare Hono, start-shaped route',
        value: bareStarts.ok / bareStarts.seconds,
        unit: 'req/s',
        note: `${bareStarts.failed} failed`,
      },
      { name: 'starts ÷ bare Hono', value: startRatio, unit: '×', goal: '≥ 0.2×', met: startRatio >= 0.2 },
      { name: 'start latency p99', value: startP99, unit: 'ms', goal: '< 50 ms', met: startP99 < 50 },
      {
        name: `task completions, ${PROCESSES} processes on one file`,
        value: multiPerSecond,
        unit: 'completes/s',
        note: `the same ${CLIENTS} clients, client k on process k mod ${PROCESSES}; ${multi.failed} failed; the first is the file's writer and the others forward their commit batches to it (docs/scaling.md)`,
      },
      ...(fleetCpu && cpu
        ? [
            {
              name: `server CPU per completion, ${PROCESSES} processes`,
              value: fleetCpu.loops + fleetCpu.rest,
              unit: 'µs',
              note: `all ${PROCESSES} processes: event loops ${fleetCpu.loops.toFixed(0)} µs, other threads ${fleetCpu.rest.toFixed(0)} µs (one process: ${(cpu.eventLoop + cpu.writeThread + cpu.rest).toFixed(0)} µs); on ${availableParallelism()} cores the fleet's ceiling is ~${(((availableParallelism() - 0.5) * 1e6) / (fleetCpu.loops + fleetCpu.rest)).toFixed(0)}/s`,
            },
          ]
        : []),
      {
        name: `${PROCESSES} processes ÷ 1 process`,
        value: multiRatio,
        unit: '×',
        goal: '≥ 1×',
        met: multiRatio >= 1,
      },
      {
        name: `complete latency p99, ${PROCESSES} processes`,
        value: multiP99,
        unit: 'ms',
        goal: `≤ 1 process (${p99.toFixed(0)} ms)`,
        met: multiP99 <= p99,
      },
    ];
  } finally {
    await Promise.all(running.map((r) => r.stop(2000)));
    await killAllServers();
    await db.remove();
  }
}
