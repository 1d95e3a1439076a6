// The benchmarks' data generator loads tasks into a migrated file with its indexes dropped and
// rebuilt; a migration that renames or drops an index must not break `pnpm bench store`.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadTasks } from '../bench/generate.ts';
import { openStore } from '../src/index.ts';
import { publish } from './support/workflow.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'portalflow-bench-generate-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const taskIndexes = async (url: string) => {
  const client = createClient({ url });
  const rows = await client.execute(
    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'tasks' AND sql IS NOT NULL ORDER BY name",
  );
  client.close();
  return rows.rows.map((r) => `${r.name}: ${r.sql}`);
};

describe('bench data generator', () => {
  it('loads tasks into the fully migrated schema and leaves its task indexes as they were', async () => {
    const url = `file:${join(dir, 'bench.db')}`;
    const store = await openStore({ url });
    await publish(store);
    await store.close();
    const before = await taskIndexes(url);
    expect(before.length).toBeGreaterThan(0);

    await loadTasks(url, 'portal-message-triage', 500);

    expect(await taskIndexes(url)).toEqual(before);
    const client = createClient({ url });
    const counted = await client.execute('SELECT count(*) AS n FROM tasks');
    client.close();
    expect(Number(counted.rows[0]!.n)).toBe(500);
  });
});
