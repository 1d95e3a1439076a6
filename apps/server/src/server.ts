import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { openStore, type Store } from '@portalflow/store';
import { createApp } from './app.ts';
import { checkpointConfig } from './audit/checkpoint-config.ts';
import { startCheckpointer } from './audit/checkpoints.ts';
import { clinicSettings } from './clinic/settings.ts';
import { defaultConfig, type ServerConfig } from './config.ts';
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
 * The composition of a running server: reads the clinic settings, opens the database (migrating it),
 * builds the app (`createApp`), seeds the demo when asked, then starts the HTTP listener, the change-feed
 * tail, the timer worker and the checkpointer. `main.ts` calls it for `node dist/main.js`; the CLI's
 * `serve` and the tests call it directly.
 */
export async function startServer(options: ServeOptions = {}): Promise<RunningServer> {
  const say = (line: string) => {
    if (!options.quiet) process.stdout.write(`${line}\n`);
  };
  // Before the database opens: a bad calendar or time zone stops the start with nothing touched.
  const clinic = await clinicSettings({ demo: options.demo === true });
  const storeOptions: Parameters<typeof openStore>[0] = {};
  if (options.databaseUrl) storeOptions.url = options.databaseUrl;
  if (options.authToken) storeOptions.authToken = options.authToken;
  const store = await openStore(storeOptions);
  const config = defaultConfig({ checkpoints: checkpointConfig(storeOptions.url), ...options.config });
  // The built web app, when there is one (`pnpm build` makes it).
  const builtWeb = fileURLToPath(new URL('../../web/dist/', import.meta.url));
  if (config.webRoot === undefined && existsSync(`${builtWeb}index.html`)) config.webRoot = builtWeb;
  const deps: AppDeps = {
    store,
    config,
    live: new LiveHub(),
    clock: () => new Date().toISOString(),
    calendar: clinic.calendar,
    clinicName: clinic.name,
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
      clinic.calendar,
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
