import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { clinicCalendar } from '@portalflow/examples';
import { openStore, type Store } from '@portalflow/store';
import { createApp } from './app.ts';
import { startCheckpointer } from './audit/checkpoints.ts';
import { type CheckpointConfig, defaultConfig, type ServerConfig } from './config.ts';
import type { AppDeps } from './deps.ts';
import { type FeedTail, startFeedTail } from './live/feed-tail.ts';
import { LiveHub } from './live/hub.ts';
import { seedDemo } from './seed/demo.ts';
import { startTimerWorker, type TimerWorker } from './timers/worker.ts';

export interface ServeOptions {
  port?: number;
  host?: string;
  /** `file:…` (default `file:./data/portalflow.db`) or a libSQL server URL. */
  databaseUrl?: string;
  authToken?: string;
  demo?: boolean;
  config?: Partial<ServerConfig>;
  quiet?: boolean;
}

export interface RunningServer {
  url: string;
  port: number;
  store: Store;
  deps: AppDeps;
  timers: TimerWorker;
  feed: FeedTail;
  close(): Promise<void>;
}

/**
 * Checkpoints from the environment: `PORTALFLOW_CHECKPOINT_DIR` (default: `checkpoints/` beside a file
 * database; none for a server URL), `PORTALFLOW_CHECKPOINT_KEY` (default `checkpoint-key.pem` beside
 * the database; put it on another volume in production), `PORTALFLOW_CHECKPOINT_INTERVAL_MS`
 * (default 300000; 0 = on demand only). `PORTALFLOW_CHECKPOINT_DIR=off` turns them off.
 */
export function checkpointConfig(url: string | undefined, env = process.env): CheckpointConfig | null {
  const dbFile = fileOf(url ?? 'file:./data/portalflow.db');
  const near = (name: string) => (dbFile ? join(dirname(dbFile), name) : null);
  const dir = env.PORTALFLOW_CHECKPOINT_DIR ?? near('checkpoints');
  if (!dir || dir === 'off') return null;
  const keyFile =
    env.PORTALFLOW_CHECKPOINT_KEY ?? near('checkpoint-key.pem') ?? join(dir, '..', 'checkpoint-key.pem');
  const interval = Number(env.PORTALFLOW_CHECKPOINT_INTERVAL_MS ?? 300_000);
  return { dir, keyFile, intervalMs: Number.isFinite(interval) && interval >= 0 ? interval : 300_000 };
}

/** Help videos live in `media/` beside a file database unless `PORTALFLOW_MEDIA_DIR` says otherwise. */
function mediaDirOf(url: string | undefined, env = process.env): { mediaDir?: string } {
  if (env.PORTALFLOW_MEDIA_DIR) return { mediaDir: env.PORTALFLOW_MEDIA_DIR };
  const dbFile = fileOf(url ?? 'file:./data/portalflow.db');
  return dbFile ? { mediaDir: join(dirname(dbFile), 'media') } : {};
}

function fileOf(url: string): string | null {
  if (!url.startsWith('file:')) return null;
  const path = decodeURIComponent(
    url
      .slice('file:'.length)
      .split('?')[0]!
      .replace(/^\/\/(localhost)?/, ''),
  );
  return path === '' || path === ':memory:' ? null : path;
}

/** Opens the database (migrating it), starts the HTTP listener and the timer worker. */
export async function startServer(options: ServeOptions = {}): Promise<RunningServer> {
  const say = (line: string) => {
    if (!options.quiet) process.stdout.write(`${line}\n`);
  };
  const storeOptions: Parameters<typeof openStore>[0] = {};
  if (options.databaseUrl) storeOptions.url = options.databaseUrl;
  if (options.authToken) storeOptions.authToken = options.authToken;
  const store = await openStore(storeOptions);
  const config = defaultConfig({
    checkpoints: checkpointConfig(storeOptions.url),
    ...mediaDirOf(storeOptions.url),
    ...options.config,
  });
  // The built web app, when there is one (`pnpm build` makes it).
  const builtWeb = fileURLToPath(new URL('../../web/dist/', import.meta.url));
  if (config.webRoot === undefined && existsSync(`${builtWeb}index.html`)) config.webRoot = builtWeb;
  const deps: AppDeps = {
    store,
    config,
    live: new LiveHub(),
    clock: () => new Date().toISOString(),
    calendar: clinicCalendar,
    log: (line) => {
      if (!options.quiet) process.stderr.write(`${new Date().toISOString()} ${line}\n`);
    },
  };
  const { app, instances } = createApp(deps);
  if (options.demo) {
    const seed = await seedDemo(
      store,
      instances,
      deps.clock,
      process.env.PORTALFLOW_DEMO_PASSWORD,
      config.mediaDir,
    );
    say(
      `demo: ${seed.published.length} workflows published, ${seed.users.length} users created, ${seed.instances} instances started, ${seed.helpEntries} help entries written (patients: /help/riverside)`,
    );
    if (seed.password && seed.generated)
      say(`demo password (shown once; set PORTALFLOW_DEMO_PASSWORD to choose it): ${seed.password}`);
    else if (seed.password) say('demo password: the value of PORTALFLOW_DEMO_PASSWORD');
    else say('demo users already exist; their password was printed when they were created');
  }
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
  const checkpointer = startCheckpointer(deps);
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
    feed,
    async close() {
      checkpointer.stop();
      await timers.stop();
      await feed.stop();
      deps.live.closeAll();
      server.closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
    },
  };
}

/** Run directly: `node --import tsx apps/server/src/main.ts [--demo]`. */
if (import.meta.url === `file://${process.argv[1]}`) {
  const running = await startServer({
    port: Number(process.env.PORT ?? 3000),
    host: process.env.HOST ?? '127.0.0.1',
    databaseUrl: process.env.DATABASE_URL,
    authToken: process.env.DATABASE_AUTH_TOKEN,
    demo: process.argv.includes('--demo'),
  });
  const shutdown = async () => {
    await running.close();
    process.exit(0);
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}
