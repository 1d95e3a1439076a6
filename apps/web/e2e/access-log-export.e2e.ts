import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../packages/engine/test/support/parse-csv.ts';
import { apiSession } from './support/api.ts';
import { openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

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

describe('exporting the access log', () => {
  it('downloads every entry of the period, and says how many rows the file holds', async () => {
    const { page, close } = await openBrowser({ width: 1440, height: 900 });
    try {
      await signIn(page, server.url, 'auditor', PASSWORD);
      await page.goto(`${server.url}/audit/access-log?limit=50`);
      await expect
        .poll(() => page.getByTestId('access-log-summary').textContent())
        .toMatch(/entr(y|ies) on this page/);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('access-log-csv').click(),
      ]);
      const bytes = readFileSync((await download.path())!);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const [header, ...rows] = parseCsv(bytes.toString('utf8').replace(/^\uFEFF/, ''));
      const data = rows.filter((r) => r.length > 1);
      // More than the page shows, each read its own row.
      expect(data.length).toBeGreaterThan(50);
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
});
