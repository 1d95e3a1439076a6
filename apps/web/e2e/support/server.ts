import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { type RunningServer, startServer } from '@portalflow/server';
import { seedDirPrefix } from './seed-dirs.ts';
import { shiftedClock } from './time-shift.ts';

export const PASSWORD = 'e2e-demo-password';

export interface TestServer {
  url: string;
  server: RunningServer;
  stop(): Promise<void>;
}

/**
 * The demo, seeded once and copied for each test's server: seeding (last week's finished work, today's
 * requests, the help site) took ~1.5 s of CPU per server, ~170 times a run on two cores. A copy made
 * from a seed older than a few minutes is seeded again, so the demo's "today" stays as near to now as a
 * test reads it (requests started minutes ago, not a whole run ago). One per test worker (files in a
 * worker share this module).
 */
const SEED_KEPT_MS = 3 * 60_000;
/** The seed's writer socket and the backups its schedule took: the seed server's own, not the demo. */
const NOT_COPIED = new Set(['.portalflow-writer', 'backups']);
let seeded: { dir: string; at: number; ready: Promise<void> } | undefined;

async function demoSeed(): Promise<string> {
  if (seeded && Date.now() - seeded.at < SEED_KEPT_MS) {
    await seeded.ready;
    return seeded.dir;
  }
  const dir = mkdtempSync(join(tmpdir(), seedDirPrefix(process.ppid)));
  const ready = (async () => {
    process.env.PORTALFLOW_DEMO_PASSWORD = PASSWORD;
    const server = await startServer({
      port: 0,
      databaseUrl: `file:${join(dir, 'pf.db')}`,
      demo: true,
      quiet: true,
      ...(shiftedClock() ? { clock: shiftedClock() } : {}),
    });
    await server.close();
  })();
  // A seed that failed is tried again by the next server, not handed out.
  ready.catch(() => {
    if (seeded?.dir === dir) seeded = undefined;
  });
  // Nothing copies from the older seed once this one is chosen (copies are made in one go).
  const older = seeded?.dir;
  seeded = { dir, at: Date.now(), ready };
  await ready;
  if (older) rmSync(older, { recursive: true, force: true });
  return dir;
}

/**
 * The real server on a temporary database, seeded with the demo workflows and users (a copy of the
 * worker's demo seed, above). `env`: settings for this server only (e.g.
 * `PORTALFLOW_WEBHOOK_ALLOW_PRIVATE: '1'` for a receiver on loopback), read as it starts and put back
 * afterwards.
 */
export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const seed = await demoSeed();
  const dir = mkdtempSync(join(tmpdir(), 'pf-e2e-'));
  // The database with its write-ahead log, attachments and media: the server started on the copy
  // finds the demo there and seeds nothing.
  cpSync(seed, dir, { recursive: true, filter: (from) => !NOT_COPIED.has(basename(from)) });
  process.env.PORTALFLOW_DEMO_PASSWORD = PASSWORD;
  const before = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  let server: RunningServer;
  try {
    server = await startServer({
      port: 0,
      databaseUrl: `file:${join(dir, 'pf.db')}`,
      demo: true,
      quiet: true,
      ...(shiftedClock() ? { clock: shiftedClock() } : {}),
    });
  } finally {
    for (const [k, v] of Object.entries(before)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
  return {
    url: server.url,
    server,
    async stop() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A second person in a demo role (`like`'s roles and password, so they sign in with the suite's
 * password): a colleague to hand work to, or who takes it from the pool.
 */
export async function addColleague(
  server: TestServer,
  like: string,
  person: { username: string; displayName: string },
): Promise<void> {
  const model = await server.server.store.findUserByUsername(like);
  if (!model) throw new Error(`demo user ${like} missing`);
  await server.server.store.createUser({ ...person, passwordHash: model.passwordHash, roles: model.roles });
}
