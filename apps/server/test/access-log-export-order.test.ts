import type { AccessQuery, AccessRecord } from '@portalflow/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../packages/engine/test/support/parse-csv.ts';
import { type AuthHeaders, makeApp, type TestApp } from './support/app.ts';
import { type Listener, listen } from './support/listen.ts';

/**
 * An auditor compares the exported file with the access log on screen: the file lists the entries in
 * the screen's order (newest first; entries of the same moment by the order they were written, the
 * later first), across the store's pages. And the file is the log as it stood when the export began:
 * entries written while it is read, its own entry among them, are not in it, so two exports of the
 * same period started together give the same file.
 */
const ROWS = 1300;
const FROM = '2026-03-02T00:00:00.000Z';
const TO = '2026-03-04T00:00:00.000Z';
const NOW = '2026-03-20T12:00:00.000Z';

let t: TestApp;
let listener: Listener;
let auditor: AuthHeaders;
let desk: AuthHeaders;
/** Runs once, inside the store read of an export's second page, before that read; then cleared. */
let duringSecondPage: (() => Promise<void>) | null = null;

const exportCsv = (body: object) =>
  fetch(`${listener.base}/api/audit/access-log/export`, {
    method: 'POST',
    headers: { ...auditor, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/** The entry ids of an export, in the file's order. */
async function exportedIds(res: Response): Promise<number[]> {
  const text = await res.text();
  expect(res.status, text.slice(0, 300)).toBe(200);
  const [header, ...rows] = parseCsv(text.replace(/^\uFEFF/, ''));
  const id = header!.indexOf('entry id');
  return rows.filter((r) => r.length > 1).map((r) => Number(r[id]));
}

/** The ids the access log screen lists for these filters, page after page, as the screen asks for them. */
async function screenIds(filters: Record<string, string>): Promise<number[]> {
  const ids: number[] = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({
      ...filters,
      order: 'newest',
      repeats: 'fold',
      limit: '100',
      ...(cursor ? { cursor } : {}),
    });
    const res = await fetch(`${listener.base}/api/audit/access-log?${query}`, { headers: auditor });
    const page = (await res.json()) as { items: Array<{ id: number }>; nextCursor: string | null };
    expect(res.status).toBe(200);
    ids.push(...page.items.map((r) => r.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

/** Every entry the store holds for a filter, newest first, read without writing an entry of its own. */
async function stored(query: AccessQuery): Promise<AccessRecord[]> {
  const all: AccessRecord[] = [];
  let cursor: string | null = null;
  do {
    const page = await t.store.listAccess({ ...query, newestFirst: true, limit: 1000, cursor });
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

beforeAll(async () => {
  t = await makeApp({ start: NOW });
  listener = await listen(t.app);
  [auditor, desk] = await Promise.all([t.token('auditor'), t.token('front-desk')]);
  const people = [t.user('front-desk').id, t.user('triage-nurse').id];
  // Three entries a minute, written out of time order (a late commit carries an earlier time), so the
  // order by time and the order of writing differ, and entries of the same minute straddle the pages.
  for (let i = 0; i < ROWS; i++) {
    const k = (i * 7919) % ROWS;
    await t.store.logAccess({
      at: new Date(Date.parse(FROM) + Math.floor(k / 3) * 60_000).toISOString(),
      userId: people[i % 2]!,
      role: i % 2 ? 'triage-nurse' : 'front-desk',
      action: 'GET /api/tasks',
      instanceId: null,
      dataCategory: 'task-list',
      outcome: i % 40 === 0 ? 'deny' : 'allow',
      detail: `pool: ${i}`,
    });
  }
  const list = t.store.listAccess.bind(t.store);
  t.store.listAccess = async (query?: AccessQuery) => {
    const hook = duringSecondPage;
    if (hook && query?.cursor && query.limit === 500) {
      duringSecondPage = null;
      await hook();
    }
    return list(query);
  };
});
afterAll(async () => {
  await listener?.close();
  await t?.close();
});

describe("the access log's export", () => {
  it("lists the entries in the screen's order, across the store's pages", async () => {
    const screen = await screenIds({ from: FROM, to: TO });
    expect(screen).toHaveLength(ROWS);
    expect(await exportedIds(await exportCsv({ from: FROM, to: TO }))).toEqual(screen);
  });

  it("lists the entries of a narrower filter in the screen's order too", async () => {
    const filters = { from: FROM, to: TO, userId: t.user('triage-nurse').id };
    const screen = await screenIds(filters);
    expect(screen.length).toBeGreaterThan(500);
    expect(await exportedIds(await exportCsv(filters))).toEqual(screen);
  });

  it('leaves out entries written while it is read, and its own entry', async () => {
    const before = (await stored({ from: FROM })).map((r) => r.id);
    expect(before.length).toBeGreaterThan(ROWS);
    const written: Promise<unknown>[] = [];
    duringSecondPage = async () => {
      // A burst released together: reads over HTTP (stamped now), and entries committed late with an
      // earlier time (another process's, or a change's commit carrying the entry of its request).
      for (let i = 0; i < 8; i++) {
        written.push(fetch(`${listener.base}/api/tasks`, { headers: desk }).then((r) => r.text()));
        written.push(
          t.store.logAccess({
            at: new Date(Date.parse(FROM) + (100 + i) * 60_000).toISOString(),
            userId: t.user('front-desk').id,
            role: 'front-desk',
            action: 'GET /api/tasks',
            instanceId: null,
            dataCategory: 'task-list',
            outcome: 'allow',
            detail: `late ${i}`,
          }),
        );
      }
      await Promise.all(written);
    };
    const res = await exportCsv({ from: FROM });
    const ids = await exportedIds(res);
    expect(duringSecondPage, 'the export read a second page').toBeNull();
    const after = await stored({ from: FROM });
    const own = after.filter((r) => r.action === 'POST /api/audit/access-log/export');
    const burst = after.filter((r) => !before.includes(r.id));
    expect(burst.length).toBeGreaterThanOrEqual(17);
    expect(burst.map((r) => r.id)).toContain(own[0]!.id);
    expect(ids).toEqual(before);
  });

  it('names the period and the time it stood as of in its file name', async () => {
    const res = await exportCsv({ from: FROM, to: TO });
    await res.arrayBuffer();
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="access-log-2026-03-02-to-2026-03-04-as-of-2026-03-20T1200Z.csv"',
    );
  });
});
