import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningServer, startServer } from '@portalflow/server';
import { shiftedClock } from './time-shift.ts';

export const PASSWORD = 'e2e-demo-password';

export interface TestServer {
  url: string;
  server: RunningServer;
  stop(): Promise<void>;
}

/**
 * The real server on a temporary database, seeded with the demo workflows and users. `env`: settings
 * for this server only (e.g. `PORTALFLOW_WEBHOOK_ALLOW_PRIVATE: '1'` for a receiver on loopback), read
 * as it starts and put back afterwards.
 */
export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'pf-e2e-'));
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
