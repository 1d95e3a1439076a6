import { createClient } from '@libsql/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventHash, type Instance, MIGRATIONS, openStore, type Store } from '../src/index.ts';
import { runStoreSuite } from './store.case.ts';
import type { StoreHarness } from './support/harness.ts';
import { tempDir } from './support/temp-db.ts';
import { at, nextChange, publish, startChange, startInstance, triage } from './support/workflow.ts';

/** How the store reaches the file: the native driver writing on its thread or inline, or @libsql/client. */
const DRIVERS = {
  native: { driver: 'native' },
  'native, writes inline': { driver: 'native', writeThread: false },
  client: { driver: 'client' },
} as const;
type Driver = keyof typeof DRIVERS;

/** A store on a real database file in a fresh temp directory, plus a second connection for raw SQL. */
async function libsqlHarness(driver: Driver): Promise<StoreHarness> {
  const tmp = await tempDir();
  const store = await openStore({ url: tmp.url(), ...DRIVERS[driver] });
  const raw = createClient({ url: tmp.url() });
  return {
    store,
    async sql(sql, args = []) {
      const rs = await raw.execute({ sql, args });
      return rs.rows.map((row) => Object.fromEntries(rs.columns.map((c) => [c, row[c]])));
    },
    async close() {
      raw.close();
      await store.close();
      await tmp.remove();
    },
  };
}

// The embedded file's own driver, and `@libsql/client` on a file standing in for a libSQL server
// (remote URLs take that code path; no server can run here): one behaviour for both.
describe.each(Object.keys(DRIVERS) as Driver[])('libSQL store, %s driver', (driver) => {
  runStoreSuite(() => libsqlHarness(driver));

  describe('group commit', () => {
    let h: StoreHarness;
    let store: Store;
    beforeEach(async () => {
      h = await libsqlHarness(driver);
      store = h.store;
      await publish(store);
    });
    afterEach(() => h.close());

    it('shares batches: 500 concurrent commits take far fewer than 500 batches', async () => {
      const before = store.commitStats();
      const results = await Promise.all(
        Array.from({ length: 500 }, (_, n) => store.commitInstanceChange(startChange(`i-${n}`))),
      );
      expect(results.every((r) => r.ok)).toBe(true);
      const after = store.commitStats();
      expect(after.units - before.units).toBe(500);
      expect(after.batches - before.batches).toBeLessThanOrEqual(5);
      expect(after.largestBatch).toBe(200);
    });

    it('puts 200 racing changes to one instance in one batch: the first wins, the rest conflict', async () => {
      const read = await startInstance(store, 'x');
      const before = store.commitStats().batches;
      const results = await Promise.all(
        Array.from({ length: 200 }, (_, n) =>
          store.commitInstanceChange(
            nextChange(
              read,
              { type: 'reassign', step: 'classify', assignee: `u-${n}`, actor: `u-${n}`, role: 'front-desk' },
              at(1),
            ),
          ),
        ),
      );
      expect(store.commitStats().batches - before).toBe(1);
      expect(results[0]).toMatchObject({ ok: true, revision: 2 });
      expect(results.slice(1).every((r) => !r.ok && r.reason === 'conflict')).toBe(true);
    });

    it('answers each change in a shared batch on its own: a stale one does not sink the others', async () => {
      const read = await startInstance(store, 'x');
      const claim = (user: string) =>
        nextChange(
          read,
          { type: 'reassign', step: 'classify', assignee: user, actor: user, role: 'front-desk' },
          at(1),
        );
      const results = await Promise.all([
        store.commitInstanceChange(claim('ana')),
        store.commitInstanceChange(startChange('y')),
        store.commitInstanceChange(claim('ben')),
        store.commitInstanceChange(startChange('z')),
      ]);
      expect(results.map((r) => r.ok)).toEqual([true, true, false, true]);
      expect((await store.listInstanceTasks('x'))[0]?.assignee).toBe('ana');
    });

    it('writes two changes to one instance in one batch in order: each keeps its event, tasks and timers', async () => {
      // The second change is built on the first as the store will have written it (its hash is
      // deterministic), so both are in flight together and share one batch.
      const first = startChange('x');
      const started: Instance = {
        id: 'x',
        definitionId: 'portal-message-triage',
        version: 1,
        status: 'active',
        snapshot: first.snapshot,
        revision: 1,
        lastHash: eventHash({ instanceId: 'x', seq: 1, ...first.event }),
        startedAt: first.event.at,
        updatedAt: first.event.at,
        startedBy: 'frontdesk-1',
        practice: false,
      };
      const second = nextChange(
        started,
        { type: 'complete', step: 'classify', outcome: 'clinical', role: 'front-desk', actor: 'frontdesk-1' },
        at(1),
      );
      const before = store.commitStats().batches;
      const results = await Promise.all([
        store.commitInstanceChange(first),
        store.commitInstanceChange(second),
      ]);
      expect(store.commitStats().batches - before).toBe(1);
      expect(results).toMatchObject([
        { ok: true, revision: 1 },
        { ok: true, revision: 2 },
      ]);
      expect((await store.listEvents('x')).map((e) => e.type)).toEqual(['start', 'complete']);
      const tasks = await store.listInstanceTasks('x');
      expect(tasks.map((t) => [t.step, t.status])).toEqual([
        ['classify', 'closed'],
        ['nurse-review', 'open'],
      ]);
      expect(await h.sql('SELECT timer_id FROM timers ORDER BY timer_id')).toEqual(
        Object.keys(second.snapshot.context.timers).map((timer_id) => ({ timer_id })),
      );
      expect((await store.verifyAll()).ok).toBe(true);
    });

    it("keeps a change's own order when it sets and clears one timer", async () => {
      const read = await startInstance(store, 'x');
      const change = nextChange(
        read,
        { type: 'reassign', step: 'classify', assignee: 'ana', actor: 'ana', role: 'front-desk' },
        at(1),
      );
      change.timers = [
        { op: 'set', timerId: 'reminder', due: at(5) },
        { op: 'clear', timerId: 'reminder' },
        { op: 'clear', timerId: 'other' },
        { op: 'set', timerId: 'other', due: at(6) },
      ];
      const results = await Promise.all([
        store.commitInstanceChange(change),
        store.commitInstanceChange(startChange('y')),
      ]);
      expect(results.map((r) => r.ok)).toEqual([true, true]);
      expect(
        await h.sql(
          `SELECT timer_id FROM timers WHERE instance_id = 'x' AND timer_id IN ('reminder', 'other')`,
        ),
      ).toEqual([{ timer_id: 'other' }]);
    });

    it('fails every change in a batch that throws, and writes none of them', async () => {
      await h.sql(`CREATE TRIGGER poison BEFORE INSERT ON events WHEN NEW.actor = 'poison'
                   BEGIN SELECT RAISE(ABORT, 'disk on fire'); END`);
      const batchesBefore = store.commitStats().batches;
      const settled = await Promise.allSettled([
        store.commitInstanceChange(startChange('a')),
        store.commitInstanceChange(startChange('b', { actor: 'poison' })),
        store.commitInstanceChange(startChange('c')),
      ]);
      expect(store.commitStats().batches - batchesBefore).toBe(1);
      for (const s of settled) {
        expect(s.status).toBe('rejected');
        if (s.status === 'rejected')
          expect(s.reason).toMatchObject({
            code: 'COMMIT_FAILED',
            message: expect.stringContaining('disk on fire'),
          });
      }
      expect(await h.sql('SELECT id FROM instances')).toEqual([]);
      expect((await store.commitInstanceChange(startChange('a'))).ok).toBe(true);
    });

    it('fails only the batch that throws when full batches follow each other: the others commit', async () => {
      await h.sql(`CREATE TRIGGER poison BEFORE INSERT ON events WHEN NEW.actor = 'poison'
                   BEGIN SELECT RAISE(ABORT, 'disk on fire'); END`);
      // 600 at once are three full batches of 200; the poisoned change is in the second.
      const settled = await Promise.allSettled(
        Array.from({ length: 600 }, (_, n) =>
          store.commitInstanceChange(startChange(`p-${n}`, n === 300 ? { actor: 'poison' } : {})),
        ),
      );
      const ok = settled.map((s) => s.status === 'fulfilled' && s.value.ok);
      expect(ok.slice(0, 200).every(Boolean)).toBe(true);
      expect(ok.slice(200, 400).some(Boolean)).toBe(false);
      expect(ok.slice(400).every(Boolean)).toBe(true);
      const [row] = await h.sql('SELECT count(*) AS n FROM instances');
      expect(row?.n).toBe(400);
      expect((await store.verifyAll()).ok).toBe(true);
    });
  });

  describe('opening and closing', () => {
    it('makes a file durable: WAL, synchronous=FULL, foreign keys; creates the directory', async () => {
      const tmp = await tempDir();
      const store = await openStore({ url: `file:${tmp.dir}/nested/dir/portalflow.db`, ...DRIVERS[driver] });
      expect(await store.health()).toEqual({
        schemaVersion: MIGRATIONS.length,
        journalMode: 'wal',
        synchronous: 2,
        foreignKeys: true,
        // The only store on its file writes it; without the write thread it always writes alone.
        writes: driver === 'native' ? 'writer' : 'alone',
      });
      await store.close();
      await tmp.remove();
    });

    it('reads a version published through another connection as the latest, and each version as published', async () => {
      const tmp = await tempDir();
      const one = await openStore({ url: tmp.url(), ...DRIVERS[driver] });
      const other = await openStore({ url: tmp.url(), ...DRIVERS[driver] });
      await publish(one);
      expect((await one.getVersion(triage.id))?.version).toBe(1);
      const retitled = { ...triage, title: 'Portal message triage, second edition' };
      await publish(other, retitled);
      const latest = await one.getVersion(triage.id);
      expect(latest).toMatchObject({ version: 2, definition: { title: retitled.title } });
      expect((await one.getVersion(triage.id, 1))?.definition.title).toBe(triage.title);
      expect(await one.getVersion(triage.id, 3)).toBeNull();
      expect(await one.getVersion('no-such-workflow')).toBeNull();
      await one.close();
      await other.close();
      await tmp.remove();
    });

    it('waits for queued commits on close, then refuses new ones', async () => {
      const tmp = await tempDir();
      const store = await openStore({ url: tmp.url(), ...DRIVERS[driver] });
      await publish(store);
      const pending = Promise.all(
        Array.from({ length: 50 }, (_, n) => store.commitInstanceChange(startChange(`q-${n}`))),
      );
      await store.close();
      expect((await pending).every((r) => r.ok)).toBe(true);
      await expect(store.commitInstanceChange(startChange('late'))).rejects.toMatchObject({ code: 'CLOSED' });
      const reopened = await openStore({ url: tmp.url(), ...DRIVERS[driver] });
      expect((await reopened.listInstances({ limit: 500 })).items).toHaveLength(50);
      expect((await reopened.verifyAll()).ok).toBe(true);
      await reopened.close();
      await tmp.remove();
    });
  });
});

describe('libSQL store, writes on their own thread', () => {
  it('keeps answering reads while a commit waits for another connection to let go of the file', async () => {
    const tmp = await tempDir();
    const store = await openStore({ url: tmp.url() });
    await publish(store);
    await startInstance(store, 'x');
    const other = createClient({ url: tmp.url() });
    const held = await other.transaction('write'); // BEGIN IMMEDIATE: the write lock is taken
    let settled = false;
    const commit = store.commitInstanceChange(startChange('y')).finally(() => {
      settled = true;
    });
    await new Promise((resolve) => setImmediate(resolve)); // the group commit has started its batch
    expect((await store.getInstance('x'))?.id).toBe('x');
    expect(settled).toBe(false);
    await held.rollback();
    expect((await commit).ok).toBe(true);
    other.close();
    await store.close();
    await tmp.remove();
  });

  it('takes turns at the write lock with another store on the file: bursts through both all commit', async () => {
    const tmp = await tempDir();
    const one = await openStore({ url: tmp.url() });
    const two = await openStore({ url: tmp.url() });
    await publish(one);
    const results = await Promise.all(
      Array.from({ length: 600 }, (_, n) =>
        (n % 2 === 0 ? one : two).commitInstanceChange(startChange(`i-${n}`)),
      ),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(one.commitStats().batches).toBeGreaterThan(1);
    expect(two.commitStats().batches).toBeGreaterThan(1);
    const report = await one.verifyAll();
    expect(report).toMatchObject({ ok: true, events: 600 });
    await one.close();
    await two.close();
    await tmp.remove();
  });
});
