// A load run: N server processes on one database, seeded with the demo workflows, and M staff clients
// starting, claiming and completing tasks through whichever process they pick for each request. Loopback
// only; bounded by time and by request count. Ends with a consistency check of the whole database.

import { cpus, loadavg } from 'node:os';
import { type Definition, type FormField, parseDefinition, type Step } from '@portalflow/engine';
import { roleCatalog, workflows } from '@portalflow/examples';
import { openStore, type Store } from '@portalflow/store';
import { Agent, request } from 'undici';
import { seedDemo } from '../src/seed/demo.ts';
import { servicesFor, tempDb, toolToken } from '../test/support/prepare.ts';
import { type ServerProcess, spawnServer } from '../test/support/processes.ts';
import { type ConsistencyReport, checkConsistency } from './consistency.ts';

export interface LoadOptions {
  processes: number;
  clients: number;
  durationMs: number;
  /** Stops earlier once this many requests were sent. */
  maxRequests: number;
  /** A libSQL server URL; default a fresh temp file. */
  databaseUrl?: string;
  authToken?: string;
  /** Progress lines. */
  log?: (line: string) => void;
}

export interface Latency {
  count: number;
  p50: number;
  p99: number;
}

export interface LoadReport {
  processes: number;
  clients: number;
  seconds: number;
  requests: number;
  /** Requests per second, all kinds. */
  throughput: number;
  /** Accepted changes (starts, claims, completes) per second. */
  changesPerSecond: number;
  latency: Record<'start' | 'list' | 'claim' | 'complete' | 'all', Latency>;
  statuses: Record<string, number>;
  conflicts: number;
  serverErrors: number;
  networkErrors: number;
  /** Every process answered the same queues (a lead's `all`, one staff member's pool) after the run. */
  queuesIdentical: boolean;
  consistency: ConsistencyReport;
}

interface PoolTask {
  id: string;
  definitionId: string;
  step: string;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

function latency(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  return { count: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

/** Form data that passes the step's form: the first option, yes/no, a number, a date, some text. */
function formData(fields: FormField[] | undefined): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const f of fields ?? []) {
    if (f.type === 'select') data[f.id] = f.options?.[0] ?? 'x';
    else if (f.type === 'boolean') data[f.id] = false;
    else if (f.type === 'number') data[f.id] = 1;
    else if (f.type === 'date') data[f.id] = '2026-03-02';
    else data[f.id] = 'handled during the load run';
  }
  return data;
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

/** Seeds a database, starts the processes, drives the clients, checks the result, stops everything. */
export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  const log = options.log ?? (() => {});
  const db = options.databaseUrl ? null : await tempDb('portalflow-load-');
  const databaseUrl = options.databaseUrl ?? db!.url;
  const store: Store = await openStore(
    options.authToken ? { url: databaseUrl, authToken: options.authToken } : { url: databaseUrl },
  );
  const servers: ServerProcess[] = [];
  const agent = new Agent({ connections: 8, keepAliveTimeout: 10_000 });
  try {
    const definitions = new Map<string, Definition>();
    for (const w of workflows) definitions.set(w.id, parseDefinition(w.definition));
    const starts = workflows.map((w) => {
      const first = w.scripts[0]?.events[0] as { type?: string; data?: Record<string, unknown> } | undefined;
      return { definitionId: w.id, data: first?.type === 'start' && first.data ? first.data : {} };
    });
    await seedDemo(store, servicesFor(store).instances, () => new Date().toISOString(), 'load-run-password');
    const clinicRoles = roleCatalog.map((r) => r.id);
    const tokens: string[] = [];
    for (let k = 0; k < options.clients; k++) {
      const created = await store.createUser({
        username: `load-staff-${k + 1}`,
        passwordHash: 'not-used-tokens-only',
        roles: clinicRoles,
      });
      if (!created.ok) throw new Error(`could not create load user ${k + 1}: ${created.reason}`);
      tokens.push(await toolToken(store, created.user.id, clinicRoles, { name: 'load' }));
    }
    const lead = await store.findUserByUsername('lead');
    const leadToken = await toolToken(store, lead!.id, lead!.roles, { name: 'load' });
    log(
      `seeded ${definitions.size} workflows and ${options.clients} staff on ${db ? 'a temp file' : databaseUrl}`,
    );

    servers.push(
      ...(await Promise.all(
        Array.from({ length: options.processes }, (_, k) =>
          spawnServer({
            databaseUrl,
            processId: `load-${k + 1}`,
            quiet: true,
            keepLog: false,
            readyTimeoutMs: 60_000,
          }),
        ),
      )),
    );
    log(`${servers.length} processes up: ${servers.map((s) => s.url).join(' ')}`);

    const samples: Record<'start' | 'list' | 'claim' | 'complete', number[]> = {
      start: [],
      list: [],
      claim: [],
      complete: [],
    };
    const statuses: Record<string, number> = {};
    let requests = 0;
    let accepted = 0;
    let networkErrors = 0;
    const deadline = Date.now() + options.durationMs;
    const more = () => Date.now() < deadline && requests < options.maxRequests;

    async function call(
      kind: keyof typeof samples,
      token: string,
      method: 'GET' | 'POST',
      path: string,
      body?: unknown,
    ): Promise<{ status: number; json: unknown } | null> {
      requests++;
      const server = pick(servers);
      const started = performance.now();
      try {
        const res = await request(`${server.url}${path}`, {
          method,
          dispatcher: agent,
          headers: {
            authorization: `Bearer ${token}`,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body: body === undefined ? null : JSON.stringify(body),
          headersTimeout: 10_000,
          bodyTimeout: 10_000,
        });
        const text = await res.body.text();
        samples[kind].push(performance.now() - started);
        const key = `${kind} ${res.statusCode}`;
        statuses[key] = (statuses[key] ?? 0) + 1;
        if (method === 'POST' && res.statusCode < 300) accepted++;
        return { status: res.statusCode, json: text ? JSON.parse(text) : null };
      } catch {
        networkErrors++;
        return null;
      }
    }

    async function client(token: string): Promise<void> {
      while (more()) {
        const list = await call('list', token, 'GET', '/api/tasks?scope=pool&limit=20');
        const items = (list?.status === 200 ? (list.json as { items: PoolTask[] }).items : []) ?? [];
        if (items.length < 5 || Math.random() < 0.2) {
          const start = pick(starts);
          await call('start', token, 'POST', '/api/instances', start);
          continue;
        }
        const task = pick(items);
        const path = `/api/tasks/${encodeURIComponent(task.id)}`;
        if (Math.random() < 0.5) {
          const claimed = await call('claim', token, 'POST', `${path}/claim`);
          if (claimed?.status !== 200) continue;
        }
        const step = definitions.get(task.definitionId)?.steps[task.step] as
          | (Step & { outcomes?: Record<string, string>; form?: FormField[] })
          | undefined;
        const outcome = pick(Object.keys(step?.outcomes ?? { done: '' }));
        await call('complete', token, 'POST', `${path}/complete`, {
          outcome,
          data: formData(step?.form),
          note: 'load run',
        });
      }
    }

    const began = performance.now();
    await Promise.all(tokens.map((t) => client(t)));
    const seconds = (performance.now() - began) / 1000;

    // The same question asked of every process gets the same answer.
    const answers = await Promise.all(
      servers.flatMap((s) => [
        request(`${s.url}/api/tasks?scope=all&limit=500`, {
          dispatcher: agent,
          headers: { authorization: `Bearer ${leadToken}` },
        }).then((r) => r.body.text()),
        request(`${s.url}/api/tasks?scope=pool&limit=500`, {
          dispatcher: agent,
          headers: { authorization: `Bearer ${tokens[0]}` },
        }).then((r) => r.body.text()),
      ]),
    );
    const queuesIdentical = answers.every((a, i) => a === answers[i % 2]);

    await Promise.all(servers.map((s) => s.stop()));
    servers.length = 0;
    const consistency = await checkConsistency(store, databaseUrl, options.authToken);

    const all = Object.values(samples).flat();
    const count = (prefix: string) =>
      Object.entries(statuses)
        .filter(([k]) => k.endsWith(prefix))
        .reduce((n, [, v]) => n + v, 0);
    return {
      processes: options.processes,
      clients: options.clients,
      seconds,
      requests,
      throughput: all.length / seconds,
      changesPerSecond: accepted / seconds,
      latency: {
        start: latency(samples.start),
        list: latency(samples.list),
        claim: latency(samples.claim),
        complete: latency(samples.complete),
        all: latency(all),
      },
      statuses,
      conflicts: count(' 409'),
      serverErrors: Object.entries(statuses)
        .filter(([k]) => / 5\d\d$/.test(k))
        .reduce((n, [, v]) => n + v, 0),
      networkErrors,
      queuesIdentical,
      consistency,
    };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await agent.close();
    await store.close();
    await db?.remove();
  }
}

/** The report as a few readable lines. */
export function formatReport(r: LoadReport): string {
  const ms = (l: Latency) => `p50 ${l.p50.toFixed(1)} ms, p99 ${l.p99.toFixed(1)} ms (${l.count})`;
  const c = r.consistency;
  return [
    `${r.processes} processes, ${r.clients} clients, ${r.seconds.toFixed(1)} s: ${r.requests} requests ` +
      `(machine load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores)`,
    `throughput ${r.throughput.toFixed(0)} req/s, ${r.changesPerSecond.toFixed(0)} accepted changes/s`,
    `latency all ${ms(r.latency.all)}`,
    `  start ${ms(r.latency.start)}; list ${ms(r.latency.list)}`,
    `  claim ${ms(r.latency.claim)}; complete ${ms(r.latency.complete)}`,
    `409 conflicts ${r.conflicts}; 5xx ${r.serverErrors}; network errors ${r.networkErrors}`,
    `statuses ${JSON.stringify(r.statuses)}`,
    `queues identical from every process: ${r.queuesIdentical ? 'yes' : 'NO'}`,
    `consistency: ${c.ok ? 'OK' : 'FAILED'} — ${c.instances} instances, ${c.events} events, ${c.tasks} tasks, ${c.timers} timers; ` +
      `projection == replay and every hash chain verifies${c.ok ? '' : `\n  ${c.problems.join('\n  ')}`}`,
  ].join('\n');
}
