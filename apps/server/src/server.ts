import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import type { Store } from '@portalflow/store';
import { startCheckpointer } from './audit/checkpoints.ts';
import { startBackupSchedule } from './backup/schedule.ts';
import { composeApp, type ServeOptions } from './compose.ts';
import type { AppDeps } from './deps.ts';
import { type FeedTail, startFeedTail } from './live/feed-tail.ts';
import { type OutboxWorker, startOutboxWorker } from './outbox/worker.ts';
import { startTimerWorker, type TimerWorker } from './timers/worker.ts';

export type { ServeOptions } from './compose.ts';

export interface RunningServer {
  url: string;
  port: number;
  store: Store;
  deps: AppDeps;
  timers: TimerWorker;
  outbox: OutboxWorker;
  feed: FeedTail;
  close(): Promise<void>;
}

/**
 * A running server: the composed app (`composeApp`: settings, database, `createApp`, demo seed) on an
 * HTTP listener, with the change-feed tail, the timer worker and the checkpointer. `main.ts` calls it for
 * `node dist/main.js`; the CLI's `serve` and the tests call it directly.
 */
export async function startServer(options: ServeOptions = {}): Promise<RunningServer> {
  const say = (line: string) => {
    if (!options.quiet) process.stdout.write(`${line}\n`);
  };
  const { app, instances, deps } = await composeApp(options, say);
  const { store } = deps;
  // Live updates from every process's changes, this one's included, arrive through the change feed.
  const feed = await startFeedTail(deps);
  const port = options.port ?? 3000;
  const host = options.host ?? '127.0.0.1';
  let server: Server;
  try {
    server = await new Promise<Server>((resolve, reject) => {
      const s = serve({ fetch: app.fetch, port, hostname: host }, () => {
        s.off('error', reject);
        resolve(s);
      }) as Server;
      // A port in use (EADDRINUSE) or not allowed: reject instead of an uncaught 'error' event.
      s.once('error', reject);
    });
  } catch (error) {
    await feed.stop();
    await store.close();
    throw error;
  }
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const timers = startTimerWorker(deps, instances);
  const outbox = startOutboxWorker(deps);
  const checkpointer = startCheckpointer(deps);
  const backups = startBackupSchedule(deps);
  const url = `http://${host}:${actualPort}`;
  say(`portalflow listening on ${url} (database ${options.databaseUrl ?? 'file:./data/portalflow.db'})`);
  if (options.demo)
    say(
      'sign in as admin, lead, auditor (each sets up an authenticator app at first sign-in; `portalflow totp <setup key>` prints codes), or a clinic role such as triage-nurse or front-desk',
    );
  return {
    url,
    port: actualPort,
    store,
    deps,
    timers,
    outbox,
    feed,
    async close() {
      checkpointer.stop();
      backups.stop();
      await timers.stop();
      await outbox.stop();
      await feed.stop();
      deps.live.closeAll();
      server.closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
    },
  };
}
