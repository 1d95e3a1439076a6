import type { Client } from '@libsql/client';
import { StoreError } from './errors.ts';
import { MIGRATIONS, type Migration } from './migrations/index.ts';

const CREATE_LEDGER = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at TEXT NOT NULL
) STRICT`;

async function appliedVersions(client: Client): Promise<Set<number>> {
  const rs = await client.execute('SELECT version FROM schema_migrations');
  return new Set(rs.rows.map((r) => Number(r.version)));
}

/**
 * Applies, in order, every migration not yet recorded in `schema_migrations`; returns the versions it
 * applied. Safe to run on every open and from two processes at once: each migration is one batch, and
 * a batch that fails because another process got there first is recognised and skipped.
 */
export async function migrate(
  client: Client,
  migrations: readonly Migration[] = MIGRATIONS,
  now: () => string = () => new Date().toISOString(),
): Promise<number[]> {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new StoreError(
        'MIGRATION_FAILED',
        `Migration '${m.name}' is numbered ${m.version}, expected ${i + 1}`,
      );
  });
  await client.execute(CREATE_LEDGER);
  let applied = await appliedVersions(client);
  const newest = Math.max(0, ...applied);
  if (newest > migrations.length) {
    throw new StoreError(
      'SCHEMA_TOO_NEW',
      `The database is at schema version ${newest}, newer than this portalflow (${migrations.length}); upgrade portalflow`,
    );
  }
  const done: number[] = [];
  for (const m of migrations) {
    if (applied.has(m.version)) continue;
    try {
      await client.batch(
        [
          ...m.statements,
          {
            sql: 'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
            args: [m.version, m.name, now()],
          },
        ],
        'write',
      );
      done.push(m.version);
    } catch (error) {
      applied = await appliedVersions(client);
      if (applied.has(m.version)) continue;
      throw new StoreError(
        'MIGRATION_FAILED',
        `Migration ${m.version} '${m.name}' failed: ${(error as Error).message}`,
        { cause: error },
      );
    }
  }
  return done;
}
