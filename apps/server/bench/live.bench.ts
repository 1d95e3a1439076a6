// Live updates at clinic-network scale: 5,000 SSE connections on one server process (clients in two
// other processes), memory per connection, and how long a task change takes to reach every client.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { type Definition, parseDefinition } from '@portalflow/engine';
import { openStore } from '@portalflow/store';
import type { BenchRow } from '../../../scripts/bench-table.ts';
import { publish, tempDb, userWithToken } from '../test/support/prepare.ts';
import { killAllServers, type ServerProcess, spawnReady } from '../test/support/processes.ts';

const CONNECTIONS = 5000;
const CLIENT_PROCESSES = 2;
const STAFF_USERS = 50;
/** A tenth of the connections are leads (they hear about everything); the rest front-desk staff, whose
 * pool every change touches — so every change goes to every connection. */
const LEAD_SHARE = 0.1;
const CHANGES = 20;
const CHANGE_GAP_MS = 300;
const DELIVERY_GOAL_MS = 200;

const workflow: Definition = parseDefinition({
  id: 'bench-live',
  title: 'Portal message intake',
  roles: [{ id: 'front-desk', name: 'Front desk' }],
  start: 'classify',
  steps: {
    classify: { type: 'task', role: 'front-desk', title: 'Classify', outcomes: { done: 'closed' } },
    closed: { type: 'end', outcome: 'resolved' },
  },
});

const serverEntry = fileURLToPath(new URL('./support/live-server.ts', import.meta.url));
const clientEntry = fileURLToPath(new URL('./support/sse-clients.ts', import.meta.url));
const serverDir = fileURLToPath(new URL('../', import.meta.url));

/** The soft limit on open files, from /proc (Linux); Infinity where it cannot be read. */
function openFileLimit(): number {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max open files'));
    const soft = line?.split(/\s{2,}/)[1];
    return soft === undefined || soft === 'unlimited' ? Number.POSITIVE_INFINITY : Number(soft);
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

interface ClientProcess {
  child: ChildProcess;
  /** The next stdout line starting with `prefix`, parsed. */
  expect<T>(prefix: string, ms: number): Promise<T>;
  send(line: string): void;
}

function startClients(env: Record<string, string>): ClientProcess {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', clientEntry], {
    cwd: serverDir,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines: string[] = [];
  let wake: (() => void) | undefined;
  createInterface({ input: child.stdout! }).on('line', (line) => {
    lines.push(line);
    wake?.();
  });
  return {
    child,
    async expect<T>(prefix: string, ms: number): Promise<T> {
      const until = Date.now() + ms;
      for (;;) {
        const i = lines.findIndex((l) => l.startsWith(`${prefix} `));
        if (i >= 0) return JSON.parse(lines.splice(i, 1)[0]!.slice(prefix.length + 1)) as T;
        if (Date.now() > until || child.exitCode !== null) throw new Error(`SSE clients: no ${prefix} line`);
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, 200);
          wake = () => {
            clearTimeout(t);
            resolve();
          };
        });
      }
    },
    send: (line) => child.stdin!.write(`${line}\n`),
  };
}

interface Mem {
  rss: number;
  heapUsed: number;
  external: number;
  connections: number;
  /** Each delivery since the last report: ms in the fan-out, and until its socket writes ran. */
  fanout: Array<{ sync: number; flushed: number }>;
}

/** Asks the server process for its memory after a full GC (it answers on stderr). */
async function memoryOf(server: ServerProcess): Promise<Mem> {
  const before = server.log.length;
  process.kill(server.pid, 'SIGUSR2');
  const until = Date.now() + 10_000;
  while (Date.now() < until) {
    const line = server.log.slice(before).find((l) => l.startsWith('MEM '));
    if (line) return JSON.parse(line.slice(4)) as Mem;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the server did not report its memory');
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** About 30–40 s: seed, connect 5,000 clients, 20 task changes, report. */
export async function liveBenchmarks(): Promise<BenchRow[]> {
  // Each process needs a descriptor per connection (the server all of them, each client process its share).
  const limit = openFileLimit();
  const connections = Math.min(CONNECTIONS, limit - 200);
  const db = await tempDb('portalflow-bench-live-');
  const clients: ClientProcess[] = [];
  try {
    const setup = await openStore({ url: db.url });
    await publish(setup, workflow);
    const lead = await userWithToken(setup, 'bench-lead', ['designer']);
    const staff = [];
    for (let k = 0; k < STAFF_USERS; k++)
      staff.push(await userWithToken(setup, `bench-desk-${k}`, ['front-desk']));
    await setup.close();

    const server = await spawnReady(serverEntry, { DATABASE_URL: db.url }, { readyTimeoutMs: 60_000 });
    const idle = await memoryOf(server);

    // Round robin over this list: one lead in every 1 / LEAD_SHARE connections, staff for the rest.
    const every = Math.round(1 / LEAD_SHARE);
    const tokens = staff.map((s, k) => (k % every === 0 ? lead.token : s.token));
    const connectStarted = performance.now();
    const perProcess = Math.ceil(connections / CLIENT_PROCESSES);
    for (let p = 0; p < CLIENT_PROCESSES; p++) {
      const count = Math.min(perProcess, connections - p * perProcess);
      clients.push(
        startClients({
          SSE_URL: `${server.url}/api/events`,
          SSE_TOKENS: tokens.join(','),
          SSE_COUNT: String(count),
        }),
      );
    }
    const connected = await Promise.all(
      clients.map((c) => c.expect<{ open: number; failed: number }>('CONNECTED', 120_000)),
    );
    const open = connected.reduce((n, c) => n + c.open, 0);
    const failed = connected.reduce((n, c) => n + c.failed, 0);
    const connectSeconds = (performance.now() - connectStarted) / 1000;
    await sleep(500);
    const loaded = await memoryOf(server);

    // Task changes, one at a time, each through the API; every connection is told of every one.
    const sentAt = new Map<string, number>();
    const headers = { authorization: `Bearer ${lead.token}`, 'content-type': 'application/json' };
    for (let n = 0; n < CHANGES + 1; n++) {
      const t0 = performance.timeOrigin + performance.now();
      const res = await fetch(`${server.url}/api/instances`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ definitionId: workflow.id, data: {} }),
      });
      const body = (await res.json()) as { instance: { id: string } };
      // The first change warms the path and is not counted.
      if (n > 0) sentAt.set(body.instance.id, t0);
      await sleep(CHANGE_GAP_MS);
    }
    await sleep(1000);
    for (const c of clients) c.send('report');
    const reports = await Promise.all(
      clients.map((c) => c.expect<{ open: number; received: Record<string, number[]> }>('REPORT', 30_000)),
    );
    const delays: number[] = [];
    let missing = 0;
    for (const [id, t0] of sentAt) {
      let got = 0;
      for (const r of reports) {
        for (const at of r.received[id] ?? []) delays.push(at - t0);
        got += r.received[id]?.length ?? 0;
      }
      missing += open - got;
    }
    delays.sort((a, b) => a - b);
    const fanout = (await memoryOf(server)).fanout.map((f) => f.flushed).sort((a, b) => a - b);
    for (const c of clients) c.send('exit');
    await Promise.all(clients.map((c) => new Promise((resolve) => c.child.once('exit', resolve))));
    await server.stop();

    const perConnRss = (loaded.rss - idle.rss) / open;
    const perConnHeap = (loaded.heapUsed - idle.heapUsed) / open;
    const p99 = percentile(delays, 0.99);
    const note =
      `${open} connections open (${failed} failed) on one server process, clients in ${CLIENT_PROCESSES} ` +
      `other processes, connected in ${connectSeconds.toFixed(1)} s; ${CHANGES} task changes ${CHANGE_GAP_MS} ms apart` +
      (connections < CONNECTIONS ? `; limited to ${connections} by ulimit -n ${limit}` : '') +
      `; machine load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`;
    return [
      {
        name: 'SSE connections held',
        value: loaded.connections,
        unit: 'connections',
        goal: `= ${CONNECTIONS}`,
        met: loaded.connections === CONNECTIONS,
        note,
      },
      {
        name: 'memory per SSE connection (RSS)',
        value: perConnRss / 1024,
        unit: 'KiB',
        note: `RSS ${(idle.rss / 2 ** 20).toFixed(0)} → ${(loaded.rss / 2 ** 20).toFixed(0)} MiB after GC`,
      },
      {
        name: 'memory per SSE connection (JS heap)',
        value: perConnHeap / 1024,
        unit: 'KiB',
        note: `heap ${(idle.heapUsed / 2 ** 20).toFixed(1)} → ${(loaded.heapUsed / 2 ** 20).toFixed(1)} MiB after GC`,
      },
      {
        name: 'server fan-out of one change to every connection, p50',
        value: percentile(fanout, 0.5),
        unit: 'ms',
        note: `on the server, from reading the change to its socket writes having run; max ${fanout.at(-1)?.toFixed(1)} ms over ${fanout.length}`,
      },
      {
        name: 'task change → delivered at every client, p50',
        value: percentile(delays, 0.5),
        unit: 'ms',
        note: 'from just before the change request is sent (includes its commit) to arrival at each client',
      },
      {
        name: 'task change → delivered at every client, p99',
        value: p99,
        unit: 'ms',
        goal: `< ${DELIVERY_GOAL_MS} ms`,
        met: p99 < DELIVERY_GOAL_MS,
        note: `${delays.length} deliveries, ${missing} missing; max ${delays.at(-1)?.toFixed(0)} ms`,
      },
    ];
  } finally {
    for (const c of clients) if (c.child.exitCode === null) c.child.kill('SIGKILL');
    await killAllServers();
    await db.remove();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { printTable } = await import('../../../scripts/bench-table.ts');
  printTable('live updates', await liveBenchmarks());
}
