// The campaigns' own instruments, checked against a real libSQL file: the failing client fails the way
// it says, and the WAL reader finds where commits end the way SQLite's recovery does.
import { copyFileSync, readFileSync, truncateSync } from 'node:fs';
import { createClient } from '@libsql/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FaultyClient } from '../../campaigns/support/faulty-client.ts';
import { Prng } from '../../campaigns/support/prng.ts';
import { walLayout } from '../../campaigns/support/wal.ts';
import { tempDb } from '../support/prepare.ts';

let db: Awaited<ReturnType<typeof tempDb>>;
beforeEach(async () => {
  db = await tempDb();
});
afterEach(async () => {
  await db.remove();
});

describe('FaultyClient', () => {
  it('before: nothing runs; mid-batch: SQLite rolls back what ran; after: committed, yet an error', async () => {
    const raw = createClient({ url: db.url });
    await raw.execute('CREATE TABLE t (n INTEGER)');
    const faults = new FaultyClient(new Prng(1));
    const client = faults.wrap(raw);
    const insert = (n: number) =>
      client.batch([`INSERT INTO t VALUES (${n})`, `INSERT INTO t VALUES (${n + 1})`], 'write');
    const count = async () => Number((await raw.execute('SELECT count(*) AS c FROM t')).rows[0]!.c);

    faults.arm({ at: 1, repeat: 'once', kind: 'before' });
    await expect(insert(1)).rejects.toThrow(/injected/);
    expect(await count()).toBe(0);
    await insert(1); // once: the next write works
    expect(await count()).toBe(2);

    for (let i = 0; i < 5; i++) {
      faults.arm({ at: 1, repeat: 'once', kind: 'mid-batch' });
      await expect(insert(10)).rejects.toThrow();
      expect(await count()).toBe(2);
    }

    faults.arm({ at: 1, repeat: 'once', kind: 'after' });
    await expect(insert(20)).rejects.toThrow(/injected/);
    expect(await count()).toBe(4);

    faults.arm({ at: 2, repeat: 'from', kind: 'before' });
    await insert(30);
    await expect(insert(40)).rejects.toThrow();
    await expect(client.execute('DELETE FROM t')).rejects.toThrow();
    expect(await client.execute('SELECT 1')).toBeTruthy(); // reads never fail
    faults.heal();
    await insert(50);
    expect(await count()).toBe(8);
    expect(faults.stats).toMatchObject({ failed: 9, committedButFailed: 1 });
    raw.close();
  });
});

describe('walLayout', () => {
  it('finds the end of the last commit, and a cut inside the last frame loses exactly that commit', async () => {
    const path = db.url.slice('file:'.length);
    const writer = createClient({ url: db.url });
    await writer.execute('PRAGMA journal_mode = WAL');
    await writer.execute('PRAGMA wal_autocheckpoint = 0');
    await writer.execute('CREATE TABLE t (n INTEGER)');
    for (let n = 0; n < 5; n++) await writer.execute(`INSERT INTO t VALUES (${n})`);
    copyFileSync(path, `${path}.copy`);
    copyFileSync(`${path}-wal`, `${path}.copy-wal`);
    writer.close();
    const layout = walLayout(readFileSync(`${path}.copy-wal`));
    expect(layout.commits).toBe(6);
    expect((layout.committedEnd - 32) % layout.frameSize).toBe(0);
    truncateSync(`${path}.copy-wal`, layout.committedEnd - 100);
    expect(walLayout(readFileSync(`${path}.copy-wal`)).commits).toBe(5);
    const reader = createClient({ url: `file:${path}.copy` });
    expect(Number((await reader.execute('SELECT count(*) AS c FROM t')).rows[0]!.c)).toBe(4);
    reader.close();
  });
});
