import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../packages/engine/test/support/parse-csv.ts';
import { apiSession } from './support/api.ts';
import { openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';
import { CLOCK_YEARS_AHEAD } from './support/time-shift.ts';

/**
 * The access log's Export gives the whole period the filters select, not the page on screen: a task
 * opened sixty times is one folded row on the screen and sixty rows in the file, and the screen says
 * how many rows the file holds.
 */
const OPENS = 60;
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  const ma = await apiSession(server.url, 'medical-assistant', PASSWORD);
  const pool = await ma<{ items: Array<{ id: string }> }>('GET', '/tasks?scope=pool');
  const task = pool.body.items[0]!;
  for (let i = 0; i < OPENS; i++) expect((await ma('GET', `/tasks/${task.id}`)).status).toBe(200);
});
afterAll(async () => {
  await server?.stop();
});

/** The access log opened at `address`, its first page shown, then exported: the file downloaded. */
async function exportFrom(page: Page, address: string) {
  await page.goto(`${server.url}${address}`);
  await expect
    .poll(() => page.getByTestId('access-log-summary').textContent())
    .toMatch(/entr(y|ies) on this page/);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('access-log-csv').click(),
  ]);
  return download;
}

describe('exporting the access log', () => {
  it('downloads every entry of the period, and says how many rows the file holds', async () => {
    const { page, close } = await openBrowser({ width: 1440, height: 900 });
    try {
      await signIn(page, server.url, 'auditor', PASSWORD);
      const download = await exportFrom(page, '/audit/access-log?limit=50');
      // The period and the moment the file stands as of, in its name.
      expect(download.suggestedFilename()).toMatch(
        /^access-log-\d{4}-\d\d-\d\d-to-\d{4}-\d\d-\d\d-as-of-\d{4}-\d\d-\d\dT\d{4}Z\.csv$/,
      );
      const bytes = readFileSync((await download.path())!);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const [header, ...rows] = parseCsv(bytes.toString('utf8').replace(/^\uFEFF/, ''));
      const data = rows.filter((r) => r.length > 1);
      // More than the page shows, each read its own row, newest first as the screen lists them.
      expect(data.length).toBeGreaterThan(50);
      const ids = data.map((r) => Number(r[header!.indexOf('entry id')]));
      expect(ids[0]).toBeGreaterThan(ids.at(-1)!);
      const route = header!.indexOf('route');
      const who = header!.indexOf('who');
      const opens = data.filter((r) => r[route] === 'GET /api/tasks/:id' && r[who] !== 'not signed in');
      expect(opens.length).toBeGreaterThanOrEqual(OPENS);
      const said = page.getByTestId('access-log-export-done');
      await said.waitFor();
      expect(await said.textContent()).toContain(`${data.length.toLocaleString('en-US')} entries`);
    } finally {
      await close();
    }
  });

  it("names the file by the server's clock, not a browser's whose clock is wrong", async () => {
    const { page, close } = await openBrowser({ width: 1440, height: 900, at: CLOCK_YEARS_AHEAD });
    try {
      await signIn(page, server.url, 'auditor', PASSWORD);
      // The period asked for is this week's (the browser's own default would be its wrong date's).
      const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
      const period = `from=${day(Date.now() - 7 * 86_400_000)}&to=${day(Date.now() + 86_400_000)}`;
      const download = await exportFrom(page, `/audit/access-log?limit=50&${period}`);
      const asOf = /-as-of-(\d{4}-\d\d-\d\d)T\d{4}Z\.csv$/.exec(download.suggestedFilename())?.[1];
      expect(asOf, download.suggestedFilename()).toBeDefined();
      // The server's day (this test's own clock is the server's), give or take midnight.
      expect(Math.abs(Date.parse(asOf!) - Date.now())).toBeLessThan(2 * 86_400_000);
    } finally {
      await close();
    }
  });
});
