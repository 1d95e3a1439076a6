import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sourceEntry } from '../../../../scripts/source-entry.mjs';

const serverDir = fileURLToPath(new URL('../../', import.meta.url));
const entry = fileURLToPath(new URL('./serve-entry.ts', import.meta.url));
/** The clinic calendar the test workflows' deadlines are written for (the server's is configuration). */
const calendarFile = fileURLToPath(new URL('../../../../examples/calendar.json', import.meta.url));

export interface ServerProcess {
  child: ChildProcess;
  pid: number;
  url: string;
  port: number;
  processId: string;
  /** Every stderr line so far (the server's operational log). */
  log: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM, then SIGKILL if it has not exited after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL: the process gets no chance to flush or close anything. */
  kill9(): Promise<void>;
}

/** Every child started here, so a failing test can still kill them all in `afterAll`. */
const children = new Set<ChildProcess>();

export interface SpawnOptions {
  databaseUrl: string;
  processId?: string;
  port?: number;
  timerPollMs?: number;
  timerLeaseMs?: number;
  /** How often the process reads the change feed for other processes' changes. */
  livePollMs?: number;
  quiet?: boolean;
  /** Keep stderr lines in memory (off for benchmarks that log every request). */
  keepLog?: boolean;
  readyTimeoutMs?: number;
}

/** Starts `test/support/serve-entry.ts` on the TypeScript sources (scripts/source-entry.mjs) as one real process and waits until it listens. */
export function spawnServer(options: SpawnOptions): Promise<ServerProcess> {
  const env: NodeJS.ProcessEnv = {
    DATABASE_URL: options.databaseUrl,
    PORT: String(options.port ?? 0),
    QUIET: options.quiet ? '1' : '0',
  };
  if (options.processId) env.PROCESS_ID = options.processId;
  if (options.timerPollMs !== undefined) env.TIMER_POLL_MS = String(options.timerPollMs);
  if (options.timerLeaseMs !== undefined) env.TIMER_LEASE_MS = String(options.timerLeaseMs);
  if (options.livePollMs !== undefined) env.LIVE_POLL_MS = String(options.livePollMs);
  return spawnReady(entry, env, options);
}

/**
 * Runs a TypeScript entry script on the sources (scripts/source-entry.mjs) that prints `READY {json with url, port,
 * processId, pid}` on stdout once it listens; resolves then, or rejects with its stderr if it exits first.
 */
export function spawnReady(
  script: string,
  extraEnv: NodeJS.ProcessEnv,
  options: { keepLog?: boolean; readyTimeoutMs?: number } = {},
): Promise<ServerProcess> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    PORTALFLOW_CALENDAR: calendarFile,
    ...extraEnv,
  };
  // CPU_PROF_DIR=… profiles every spawned process (a .cpuprofile each, written when it exits cleanly).
  const profile = process.env.CPU_PROF_DIR
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.CPU_PROF_DIR}`]
    : [];
  const child = spawn(process.execPath, [...profile, sourceEntry(script)], {
    cwd: serverDir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      children.delete(child);
      resolve({ code, signal });
    });
  });
  const log: string[] = [];
  const keepLog = options.keepLog !== false;
  let errTail = '';
  let partialErr = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    errTail = (errTail + chunk).slice(-4000);
    if (!keepLog) return;
    const lines = (partialErr + chunk).split('\n');
    partialErr = lines.pop() ?? '';
    log.push(...lines);
  });
  return new Promise<ServerProcess>((resolve, reject) => {
    let out = '';
    const timeout = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start within ${options.readyTimeoutMs ?? 30_000} ms:\n${errTail}`));
    }, options.readyTimeoutMs ?? 30_000);
    child.stdout!.setEncoding('utf8');
    const onData = (chunk: string) => {
      out += chunk;
      const match = /^READY (.+)$/m.exec(out);
      if (!match) return;
      clearTimeout(timeout);
      child.stdout!.off('data', onData);
      child.stdout!.resume(); // keep draining so the child never blocks on a full pipe
      const ready = JSON.parse(match[1]!) as { url: string; port: number; processId: string; pid: number };
      const stop = async (graceMs = 10_000) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
      };
      const kill9 = async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill('SIGKILL');
        await exited;
      };
      resolve({
        child,
        pid: ready.pid,
        url: ready.url,
        port: ready.port,
        processId: ready.processId,
        log,
        exited,
        stop,
        kill9,
      });
    };
    child.stdout!.on('data', onData);
    void exited.then(({ code, signal }) => {
      clearTimeout(timeout);
      reject(new Error(`server exited (${code ?? signal}) before it was ready:\n${errTail}`));
    });
  });
}

/** Kills every child this module started that is still running (for `afterAll`, even after a failure). */
export async function killAllServers(): Promise<void> {
  const waits: Promise<unknown>[] = [];
  for (const child of children) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    waits.push(new Promise((resolve) => child.once('exit', resolve)));
    child.kill('SIGKILL');
  }
  await Promise.race([Promise.all(waits), new Promise((resolve) => setTimeout(resolve, 5000))]);
}
