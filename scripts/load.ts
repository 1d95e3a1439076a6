// `pnpm load [--processes N] [--clients N] [--duration S] [--max-requests N] [--db URL]`: several server
// processes on one database, staff clients working through all of them, then a consistency check.
// Loopback only; stops by itself after the duration or the request count. Exit 1 if the check fails.
import { formatReport, runLoad } from '../apps/server/load/run-load.ts';

const args = process.argv.slice(2);
function flag(name: string, fallback: number, max: number): number {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(args[i + 1]);
  if (!Number.isFinite(value) || value <= 0) {
    console.error(`--${name} needs a positive number`);
    process.exit(2);
  }
  return Math.min(value, max);
}
const dbAt = args.indexOf('--db');
const databaseUrl = dbAt >= 0 ? args[dbAt + 1] : process.env.LOAD_DATABASE_URL;
if (args.includes('--help')) {
  console.log(
    'usage: pnpm load [--processes 3] [--clients 12] [--duration 10] [--max-requests 200000] [--db URL]',
  );
  process.exit(0);
}

const options = {
  processes: flag('processes', 3, 8),
  clients: flag('clients', 12, 500),
  durationMs: flag('duration', 10, 300) * 1000,
  maxRequests: flag('max-requests', 200_000, 1_000_000),
  log: (line: string) => console.log(`· ${line}`),
  ...(databaseUrl ? { databaseUrl } : {}),
  ...(process.env.DATABASE_AUTH_TOKEN ? { authToken: process.env.DATABASE_AUTH_TOKEN } : {}),
};
const report = await runLoad(options);
console.log(formatReport(report));
process.exit(report.consistency.ok && report.queuesIdentical && report.serverErrors === 0 ? 0 : 1);
