// The server for the live-updates benchmark: the real server (`startServer`), quiet, plus one hook the
// benchmark needs from inside: on SIGUSR2 it collects garbage and writes
// `MEM {"rss":…,"heapUsed":…,"connections":…}` to stderr. Prints `READY {…}` like the test entry.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { startServer } from '../../src/server.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const running = await startServer({
  port: 0,
  host: '127.0.0.1',
  databaseUrl: process.env.DATABASE_URL,
  quiet: true,
  config: { processId: 'bench-live' },
});
// How long one delivery takes on the server: the fan-out itself, and until the socket writes it
// triggered have run (the next turn of the event loop).
const fanout: Array<{ sync: number; flushed: number }> = [];
const live = running.deps.live;
const deliver = live.deliver.bind(live);
live.deliver = (items) => {
  if (items.length === 0 || live.size === 0) return deliver(items);
  const t0 = performance.now();
  deliver(items);
  const sync = performance.now() - t0;
  setImmediate(() => fanout.push({ sync, flushed: performance.now() - t0 }));
};
process.on('SIGUSR2', () => {
  gc();
  gc();
  const m = process.memoryUsage();
  process.stderr.write(
    `MEM ${JSON.stringify({ rss: m.rss, heapUsed: m.heapUsed, external: m.external, connections: live.size, fanout: fanout.splice(0) })}\n`,
  );
});
process.stdout.write(
  `READY ${JSON.stringify({ url: running.url, port: running.port, processId: 'bench-live', pid: process.pid })}\n`,
);
const shutdown = async () => {
  await running.close();
  process.exit(0);
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
