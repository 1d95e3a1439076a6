// Runs `node scripts/start.mjs` (what `pnpm start` runs) as a real process on a temporary database,
// for the start-up test and the start-up benchmark: waits until the demo answers GET /api/health.
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export interface StartedDemo {
  url: string;
  /** The `start.mjs` process. */
  pid: number;
  /** The server process it runs, with its command line (arguments as Node received them). */
  server: { pid: number; argv: string[]; nodeOptions: string };
  /** From spawning `start.mjs` to the first healthy answer. */
  healthyAfterMs: number;
  output(): string;
  stop(): Promise<void>;
}

/** The children of `pid` (Linux /proc), with their argument vectors. */
function childrenOf(pid: number): Array<{ pid: number; argv: string[]; env: string[] }> {
  const found: Array<{ pid: number; argv: string[]; env: string[] }> = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== pid) continue;
      const split = (file: string) =>
        readFileSync(`/proc/${name}/${file}`, 'utf8').split('\0').filter(Boolean);
      found.push({ pid: Number(name), argv: split('cmdline'), env: split('environ') });
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

async function healthy(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/api/health`);
    return res.status === 200 && ((await res.json()) as { ok?: boolean }).ok === true;
  } catch {
    return false;
  }
}

/** Starts the demo on `dir/pf.db` and a free port; rejects if it has not answered within `timeoutMs`. */
/** `afterDashes`: pass the options after `--`, as `npm start -- --port 0` does. */
export async function startDemo(dir: string, timeoutMs: number, afterDashes = false): Promise<StartedDemo> {
  const started = performance.now();
  const child: ChildProcess = spawn(
    process.execPath,
    [
      join(root, 'scripts/start.mjs'),
      ...(afterDashes ? ['--'] : []),
      '--port',
      '0',
      '--db',
      `file:${join(dir, 'pf.db')}`,
    ],
    {
      cwd: root,
      env: { ...process.env, NODE_OPTIONS: '', PORTALFLOW_DEMO_PASSWORD: 'start-demo-password' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let text = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    text += chunk;
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    text += chunk;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    let url: string | undefined;
    while (performance.now() - started < timeoutMs) {
      if (child.exitCode !== null) throw new Error(`start exited with ${child.exitCode}`);
      url ??= /portalflow listening on (http:\/\/\S+)/.exec(text)?.[1];
      if (url && (await healthy(url))) {
        const healthyAfterMs = performance.now() - started;
        const [server] = childrenOf(child.pid!);
        if (!server) throw new Error('start runs no server process');
        const nodeOptions = server.env.find((e) => e.startsWith('NODE_OPTIONS='))?.slice(13) ?? '';
        return {
          url,
          pid: child.pid!,
          server: { pid: server.pid, argv: server.argv, nodeOptions },
          healthyAfterMs,
          output: () => text,
          stop,
        };
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`the demo did not answer within ${timeoutMs} ms`);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n${text}`);
  }
}
