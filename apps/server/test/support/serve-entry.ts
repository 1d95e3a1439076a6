// A real server process for tests and benchmarks (support/processes.ts runs it on the sources), configured by
// environment so each test chooses its database, port and timer settings. Prints one line
// `READY {"url":…,"port":…,"processId":…,"pid":…}` on stdout once it listens.
import { outboxConfig } from '../../src/config.ts';
import { startServer } from '../../src/server.ts';

const env = process.env;
const config: Parameters<typeof startServer>[0] = {
  port: Number(env.PORT ?? 0),
  host: '127.0.0.1',
  databaseUrl: env.DATABASE_URL,
  quiet: env.QUIET === '1',
  config: {
    ...(env.PROCESS_ID ? { processId: env.PROCESS_ID } : {}),
    ...(env.TIMER_POLL_MS ? { timerPollMs: Number(env.TIMER_POLL_MS) } : {}),
    ...(env.TIMER_LEASE_MS ? { timerLeaseMs: Number(env.TIMER_LEASE_MS) } : {}),
    ...(env.LIVE_POLL_MS ? { livePollMs: Number(env.LIVE_POLL_MS) } : {}),
    ...(env.OUTBOX_LEASE_MS || env.OUTBOX_POLL_MS
      ? {
          outbox: {
            ...outboxConfig(),
            ...(env.OUTBOX_LEASE_MS ? { leaseMs: Number(env.OUTBOX_LEASE_MS) } : {}),
            ...(env.OUTBOX_POLL_MS ? { pollMs: Number(env.OUTBOX_POLL_MS) } : {}),
          },
        }
      : {}),
  },
};
const running = await startServer(config);
process.stdout.write(
  `READY ${JSON.stringify({ url: running.url, port: running.port, processId: running.deps.config.processId, pid: process.pid })}\n`,
);

let closing = false;
async function shutdown(): Promise<void> {
  if (closing) return;
  closing = true;
  await running.close();
  process.exit(0);
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
