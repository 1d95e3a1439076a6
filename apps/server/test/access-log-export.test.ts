import { formulaStarts } from '@portalflow/engine/text';
import type { AccessQuery } from '@portalflow/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../packages/engine/test/support/parse-csv.ts';
import { type AuthHeaders, makeApp, type TestApp } from './support/app.ts';
import { type Listener, listen } from './support/listen.ts';

/**
 * An investigator needs the whole period, not the page on screen: the access log's export streams
 * every entry of the filtered period as CSV, read from the store a page at a time. Auditors and admins
 * only; the export is itself logged; cells are safe to open in a spreadsheet.
 */
const ROWS = 2500;
const FROM = '2026-03-02T00:00:00.000Z';
const TO = '2026-03-09T00:00:00.000Z';

let t: TestApp;
let listener: Listener;
let auditor: AuthHeaders;
let admin: AuthHeaders;
let lead: AuthHeaders;
let desk: AuthHeaders;
let inserted: number[] = [];
/** The page sizes the store was asked for while the test watched. */
const pages: Array<number | undefined> = [];

const exportCsv = (as: AuthHeaders, body: object) =>
  fetch(`${listener.base}/api/audit/access-log/export`, {
    method: 'POST',
    headers: { ...as, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

interface ErrorBody {
  error: { code: string; message: string };
}

/** The data rows of an export: the lines after its header, by column name. */
function rowsOf(text: string): { header: string[]; rows: string[][] } {
  const lines = parseCsv(text.replace(/^\uFEFF/, ''));
  const [header, ...rows] = lines;
  return { header: header!, rows: rows.filter((r) => r.length > 1) };
}

beforeAll(async () => {
  t = await makeApp({ start: '2026-03-20T12:00:00.000Z' });
  listener = await listen(t.app);
  [auditor, admin, lead, desk] = await Promise.all([
    t.token('auditor'),
    t.token('admin'),
    t.token('lead'),
    t.token('front-desk'),
  ]);
  const deskId = t.user('front-desk').id;
  // A week of reads, one every four minutes, in the order they happened.
  for (let i = 0; i < ROWS; i++) {
    await t.store.logAccess({
      at: new Date(Date.parse(FROM) + i * 240_000).toISOString(),
      userId: deskId,
      role: 'front-desk',
      action: 'GET /api/tasks/:id',
      instanceId: null,
      dataCategory: 'phi',
      outcome: i % 50 === 0 ? 'deny' : 'allow',
      // A detail that starts like a formula must reach the spreadsheet as text.
      detail: i === 7 ? '=HYPERLINK("http://example.test","open")' : `step read-${i}`,
    });
  }
  const all = [];
  let cursor: string | null = null;
  do {
    const page = await t.store.listAccess({ from: FROM, to: TO, limit: 1000, cursor });
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  inserted = all.map((r) => r.id);
  expect(inserted).toHaveLength(ROWS);
  const list = t.store.listAccess.bind(t.store);
  t.store.listAccess = (query?: AccessQuery) => {
    pages.push(query?.limit);
    return list(query);
  };
});
afterAll(async () => {
  await listener?.close();
  await t?.close();
});

describe('exporting the access log of a whole period', () => {
  it('writes every entry of the period, newest first as on screen, a page of the store at a time', async () => {
    pages.length = 0;
    const res = await exportCsv(auditor, { from: FROM, to: TO });
    const bytes = new Uint8Array(await res.arrayBuffer());
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(res.status, text.slice(0, 300)).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="access-log-.*\.csv"/);
    // The byte order mark Excel needs to read the file as UTF-8.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const { header, rows } = rowsOf(text);
    expect(header).toContain('what');
    const id = header.indexOf('entry id');
    expect(rows.map((r) => Number(r[id]))).toEqual(inserted.toReversed());
    // In the report's words: who by name, what in a sentence, refusals said so.
    const who = header.indexOf('who');
    expect(rows[0]![who]).toBe(t.user('front-desk').displayName);
    expect(rows.filter((r) => r[header.indexOf('outcome')] === 'refused')).toHaveLength(ROWS / 50);
    // Read in pages, never the period at once.
    expect(pages.length).toBeGreaterThanOrEqual(ROWS / 500);
    expect(pages.every((limit) => limit !== undefined && limit <= 500)).toBe(true);
  });

  it('keeps formulas out of every cell', async () => {
    const text = await (await exportCsv(auditor, { from: FROM, to: TO })).text();
    expect(text).toContain('HYPERLINK');
    expect(formulaStarts(text.replace(/^\uFEFF/, ''))).toBe(false);
  });

  it('gives oldest first when asked, and narrows by the filters', async () => {
    const res = await exportCsv(admin, { from: FROM, to: TO, order: 'oldest', outcome: 'deny' });
    const { header, rows } = rowsOf(await res.text());
    expect(res.status).toBe(200);
    const id = header.indexOf('entry id');
    const denied = inserted.filter((_, i) => i % 50 === 0);
    expect(rows.map((r) => Number(r[id]))).toEqual(denied);
  });

  it('is logged as a read of the access log, by whom', async () => {
    await exportCsv(auditor, { from: FROM, to: TO });
    const logged = await t.store.listAccess({ userId: t.user('auditor').id, newestFirst: true, limit: 5 });
    expect(logged.items[0]).toMatchObject({
      action: 'POST /api/audit/access-log/export',
      dataCategory: 'access-log',
      outcome: 'allow',
    });
  });

  it('refuses every other role (403), and logs the refusal', async () => {
    for (const as of [lead, desk]) {
      const res = await exportCsv(as, { from: FROM, to: TO });
      expect(res.status).toBe(403);
      expect(((await res.json()) as ErrorBody).error.code).toBe('FORBIDDEN');
    }
    const refused = await t.store.listAccess({ userId: t.user('lead').id, newestFirst: true, limit: 1 });
    expect(refused.items[0]).toMatchObject({ dataCategory: 'access-log', outcome: 'deny' });
  });

  it('refuses a period that ends before it starts, in words', async () => {
    const res = await exportCsv(auditor, { from: TO, to: FROM });
    const body = (await res.json()) as ErrorBody;
    expect(res.status).toBe(400);
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.message).toBe('The period ends before it starts: “from” is after “to”');
  });

  it('completes every export of a burst released together', { timeout: 60_000 }, async () => {
    const burst = await Promise.all(
      Array.from({ length: 8 }, (_, i) => exportCsv(i % 2 ? admin : auditor, { from: FROM, to: TO })),
    );
    const texts = await Promise.all(burst.map((r) => r.text()));
    expect(burst.map((r) => r.status)).toEqual(Array(8).fill(200));
    for (const text of texts) {
      const { header, rows } = rowsOf(text);
      expect(rows.map((r) => Number(r[header.indexOf('entry id')]))).toEqual(inserted.toReversed());
    }
  });
});
