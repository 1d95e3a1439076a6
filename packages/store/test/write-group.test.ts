import { afterEach, describe, expect, it } from 'vitest';
import { ThreadedClient } from '../src/libsql/threaded-client.ts';
import { tempDir } from './support/temp-db.ts';

/**
 * Write batches queued on the write thread together share one transaction (one fsync), each in its own
 * savepoint: every batch is still all or nothing, and one batch's failure is its own.
 */

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const clean of cleanups.splice(0).reverse()) await clean();
});

async function client(): Promise<ThreadedClient> {
  const tmp = await tempDir('portalflow-write-group-');
  const c = new ThreadedClient(`${tmp.dir}/group.db`, { timeout: 5000 });
  cleanups.push(tmp.remove, () => c.close());
  await c.execute('PRAGMA journal_mode = WAL');
  await c.execute('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL UNIQUE)');
  return c;
}

const values = async (c: ThreadedClient) =>
  (await c.execute('SELECT v FROM t ORDER BY id')).rows.map((r) => r.v as string);

describe('write batches sent together', () => {
  it('commit independently: a failing batch leaves nothing, its neighbours all of theirs', async () => {
    const c = await client();
    const sent = [
      c.batch(
        [
          { sql: 'INSERT INTO t (v) VALUES (?)', args: ['a1'] },
          { sql: 'INSERT INTO t (v) VALUES (?)', args: ['a2'] },
        ],
        'write',
      ),
      // Its second row breaks the UNIQUE rule: its first row must not stay.
      c.batch(
        [
          { sql: 'INSERT INTO t (v) VALUES (?)', args: ['b1'] },
          { sql: 'INSERT INTO t (v) VALUES (?)', args: ['a1'] },
        ],
        'write',
      ),
      c.batch([{ sql: 'INSERT INTO t (v) VALUES (?)', args: ['c1'] }], 'write'),
    ];
    const settled = await Promise.allSettled(sent);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(String((settled[1] as PromiseRejectedResult).reason)).toMatch(/UNIQUE/);
    expect(await values(c)).toEqual(['a1', 'a2', 'c1']);
  });

  it('answer each batch with its own results, in order, across a burst of 100', async () => {
    const c = await client();
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, k) =>
        c.batch([{ sql: 'INSERT INTO t (v) VALUES (?)', args: [`v${k}`] }], 'write'),
      ),
    );
    expect(results.map((r) => r[0]!.rowsAffected)).toEqual(new Array(100).fill(1));
    expect(results.map((r) => Number(r[0]!.lastInsertRowid))).toEqual(
      Array.from({ length: 100 }, (_, k) => k + 1),
    );
    expect((await values(c)).length).toBe(100);
  });
});
