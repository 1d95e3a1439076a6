import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'libsql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, readSnapshot, snapshotDatabase } from '../src/index.ts';

/**
 * Copies of a database file in use (what backups are made of): consistent, taken while a writer goes
 * on, and without holding the calling thread while SQLite copies.
 */

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'portalflow-snapshot-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('snapshotDatabase', () => {
  it('copies a large file while the calling thread keeps running', async () => {
    const source = join(dir, 'large.db');
    const db = new Database(source);
    db.exec('PRAGMA journal_mode = WAL; CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT)');
    const insert = db.prepare('INSERT INTO filler (body) VALUES (?)');
    db.exec('BEGIN');
    for (let i = 0; i < 600_000; i++) insert.run(`row ${i} ${'x'.repeat(120)}`);
    db.exec('COMMIT');
    db.close();

    // The longest the event loop went without a turn while the copy ran.
    let last = performance.now();
    let longest = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
    }, 1);
    const started = performance.now();
    await snapshotDatabase(source, join(dir, 'large-copy.db'));
    const took = performance.now() - started;
    clearInterval(ticker);
    const copy = new Database(join(dir, 'large-copy.db'), { readonly: true });
    expect(copy.prepare('SELECT count(*) AS n FROM filler').get()).toMatchObject({ n: 600_000 });
    copy.close();
    // Only meaningful when the copy takes a while; on any machine this one takes well over 100 ms.
    expect(took).toBeGreaterThan(100);
    // A copy on this thread is one blocking call: the loop then waits about as long as the copy took.
    // Against the copy's own length, not a fixed figure, so a loaded machine's scheduling pauses (60 ms
    // seen beside parallel builds) do not fail it while a copy on this thread still does.
    expect(longest).toBeLessThan(took / 2);
  }, 60_000);

  it('refuses a target that exists, and says which file', async () => {
    const source = join(dir, 'small.db');
    const store = await openStore({ url: `file:${source}`, oneWriter: false });
    await store.close();
    await snapshotDatabase(source, join(dir, 'small-copy.db'));
    await expect(snapshotDatabase(source, join(dir, 'small-copy.db'))).rejects.toThrow(source);
    const facts = await readSnapshot(join(dir, 'small-copy.db'));
    expect(facts).toMatchObject({ instances: 0, events: 0, attachments: [], chains: { ok: true } });
  });
});
