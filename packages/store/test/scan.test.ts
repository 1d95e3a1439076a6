import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Client, InStatement } from '@libsql/client';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../src/index.ts';
import { SCAN } from '../src/libsql/scan.ts';
import { tempDir } from './support/temp-db.ts';
import { publish, startChange } from './support/workflow.ts';

// Long reads (marked SCAN) on the embedded file run on their own thread: the event loop goes on.
let tmp: Awaited<ReturnType<typeof tempDir>>;
let store: Store | null = null;
afterEach(async () => {
  await store?.close();
  store = null;
  await tmp.remove();
});

/** A read that keeps SQLite busy for a while, whatever the data. */
const SLOW = `${SCAN}WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) SELECT count(*) AS c, sum(i) AS s FROM n`;

/** Opens a store and keeps its libSQL client, as the store's own parts reach it. */
async function opened(options: Parameters<typeof openStore>[0]): Promise<{ store: Store; client: Client }> {
  let client: Client | undefined;
  const s = await openStore({
    ...options,
    wrapClient: (c) => {
      client = c;
      return c;
    },
  });
  return { store: s, client: client! };
}

async function ticksDuring(run: () => Promise<unknown>): Promise<{ ticks: number; result: unknown }> {
  let ticks = 0;
  const timer = setInterval(() => {
    ticks += 1;
  }, 1);
  try {
    const result = await run();
    return { ticks, result };
  } finally {
    clearInterval(timer);
  }
}

describe('long reads', () => {
  it.each([
    ['native', true, 'off the event loop'],
    ['native', false, 'on the calling thread'],
    ['client', false, 'on the calling thread'],
  ] as const)(
    'with the %s driver (write thread: %s) run %s and answer the same',
    async (driver, writeThread, _where) => {
      tmp = await tempDir();
      const o = await opened({ url: tmp.url(), driver, writeThread });
      store = o.store;
      const { ticks, result } = await ticksDuring(() => o.client.execute({ sql: SLOW, args: [3_000_000] }));
      const row = (result as { rows: Array<Record<string, unknown>> }).rows[0]!;
      expect(Number(row.c)).toBe(3_000_000);
      expect(BigInt(row.s as bigint)).toBe(4_500_001_500_000n);
      if (driver === 'native' && writeThread) expect(ticks).toBeGreaterThan(5);
      else expect(ticks).toBeLessThanOrEqual(1);
    },
  );

  it('are what the tracking sheet, searches through instance data and the access report send', async () => {
    tmp = await tempDir();
    const sent: string[] = [];
    store = await openStore({
      url: tmp.url(),
      wrapClient: (c) =>
        new Proxy(c, {
          get(target, key, receiver) {
            if (key === 'execute')
              return (statement: InStatement) => {
                sent.push(typeof statement === 'string' ? statement : statement.sql);
                return target.execute(statement);
              };
            const value = Reflect.get(target, key, receiver);
            return typeof value === 'function' ? value.bind(target) : value;
          },
        }),
    });
    const period = { from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' };
    const reads: Array<[string, () => Promise<unknown>]> = [
      ['completed tasks', () => store!.tallyCompletedTaskSets(period, [['person', 'role'], ['role']])],
      ['overdue', () => store!.tallyOpenOverdue({ ...period, asOf: period.to, keys: ['role'] })],
      [
        'volume',
        () => store!.tallyVolume({ days: [{ day: '2026-03-01', start: period.from, end: period.to }] }),
      ],
      ['completions', () => store!.countCompletions({ ...period, workflow: 'w', fields: ['f'] })],
      ['completion events', () => store!.countCompletionEvents(period)],
      ['requests', () => store!.tallyRequests(period)],
      ['search by value', () => store!.listInstances({ dataValue: 'MRN-1' })],
      ['access report', () => store!.listAccess({ from: period.from })],
    ];
    for (const [name, read] of reads) {
      sent.length = 0;
      await read();
      expect(sent.length, name).toBeGreaterThan(0);
      for (const sql of sent) expect(sql.startsWith(SCAN), `${name}: ${sql.slice(0, 60)}`).toBe(true);
    }
    // The one-row reads of every request stay on the calling thread's connection.
    sent.length = 0;
    await store.getInstance('none');
    await store.listInstances({ status: 'active' });
    expect(sent.some((sql) => sql.startsWith(SCAN))).toBe(false);
  });

  it('see every write acknowledged before them, and end with the store', async () => {
    tmp = await tempDir();
    const { store: s, client } = await opened({ url: tmp.url() });
    store = s;
    await publish(s);
    const count = `${SCAN}SELECT count(*) AS n FROM instances`;
    for (let k = 1; k <= 5; k++) {
      expect((await s.commitInstanceChange(startChange(`scan-${k}`))).ok).toBe(true);
      expect(Number((await client.execute(count)).rows[0]!.n)).toBe(k);
    }
    // A write sent as a long read is refused by that connection, and nothing is written.
    await expect(client.execute(`${SCAN}DELETE FROM instances`)).rejects.toThrow();
    expect(Number((await client.execute(count)).rows[0]!.n)).toBe(5);
    store = null;
    await s.close();
    const files = () => readdirSync(tmp.dir).filter((name) => name.startsWith('portalflow.db'));
    for (const name of files()) rmSync(join(tmp.dir, name));
    await sleep(300);
    expect(files()).toEqual([]);
  });
});
