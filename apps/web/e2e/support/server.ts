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

/** The real server on a temporary database, seeded with the demo workflows and users. */
export async function startTestServer(): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'pf-e2e-'));
  process.env.PORTALFLOW_DEMO_PASSWORD = PASSWORD;
  const server = await startServer({
    port: 0,
    databaseUrl: `file:${join(dir, 'pf.db')}`,
    demo: true,
    quiet: true,
    ...(shiftedClock() ? { clock: shiftedClock() } : {}),
  });
  return {
    url: server.url,
    server,
    async stop() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
