import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { openBrowser, screenshot, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * The lead's Team table shows names whole, however long — each request's name and task's title, the
 * colleague's who holds the task — at the widths of a clinic's laptops and desktops: never cut off
 * after two lines, never broken inside one of their words.
 */

const LONG_NAME = 'Maria-Guadalupe Fernandez-Oyelaran';

let server: TestServer;
let taskId: string;
beforeAll(async () => {
  server = await startTestServer();
  const admin = await apiSession(server.url, 'admin', PASSWORD);
  const users = await admin<{ users: Array<{ id: string; username: string }> }>('GET', '/users');
  const coordinator = users.body.users.find((u) => u.username === 'refill-coordinator')!;
  const renamed = await admin('PATCH', `/users/${coordinator.id}`, { displayName: LONG_NAME });
  expect(renamed.status).toBe(200);

  const desk = await apiSession(server.url, 'front-desk', PASSWORD);
  const started = await desk<{ instance: { active: Array<{ taskId: string }> } }>('POST', '/requests', {
    definitionId: 'prescription-refill',
    data: { patient: 'DEMO-6331', medication: 'lisinopril 10 mg tablet, once daily, 90-day supply' },
  });
  expect(started.status).toBe(201);
  taskId = started.body.instance.active[0]!.taskId;
  const refills = await apiSession(server.url, 'refill-coordinator', PASSWORD);
  expect((await refills('POST', `/tasks/${encodeURIComponent(taskId)}/claim`)).status).toBe(200);
});
afterAll(async () => {
  await server?.stop();
});

describe('long names on the Team page', () => {
  for (const width of [1280, 1366, 1440]) {
    it(`shows requests’ and people’s whole names at ${width} px`, async () => {
      const b = await openBrowser({ width, height: 900 });
      try {
        const { page } = b;
        await signIn(page, server.url, 'lead', PASSWORD);
        await page.getByRole('link', { name: 'Team' }).click();
        const row = page.getByTestId(`team-row-${taskId}`);
        await row.waitFor();
        const cell = row.getByRole('cell', { name: LONG_NAME });
        await cell.waitFor();
        await row.scrollIntoViewIfNeeded();
        await screenshot(page, `team-long-name-${width}`);
        const shown = await cell.evaluate((td) => {
          // Every line the name takes, as drawn: each of its words whole on one line.
          const range = document.createRange();
          range.selectNodeContents(td);
          const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
          const clipped = [td, ...td.querySelectorAll('*')].some(
            (el) => el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1,
          );
          // The lines each word is drawn on (a word is never split across text nodes).
          const words: number[] = [];
          const walker = document.createTreeWalker(td, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const text = node.textContent ?? '';
            for (const match of text.matchAll(/\S+/g)) {
              const r = document.createRange();
              r.setStart(node, match.index);
              r.setEnd(node, match.index + match[0].length);
              words.push(new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size);
            }
          }
          return { text: td.textContent, lines: tops.size, clipped, linesPerWord: words };
        });
        expect(shown.text).toBe(LONG_NAME);
        expect(shown.clipped).toBe(false);
        // Broken between its words, if at all ("Maria-Guadalupe" / "Fernandez-Oyelaran"), never inside one.
        expect(shown.linesPerWord).toEqual([1, 1]);
        expect(shown.lines).toBeLessThanOrEqual(2);
        // Every request's name and task's title is whole too: none cut off after two lines.
        const cut = await page
          .locator('tr[data-testid^="team-row-"] td:nth-child(2) p')
          .evaluateAll((texts) =>
            texts.filter((p) => p.scrollHeight > p.clientHeight + 1).map((p) => p.textContent),
          );
        expect(cut).toEqual([]);
        // And the table fits the screen: no column pushed off its right edge.
        expect(
          await page
            .getByTestId('team-table')
            .evaluate((table) => table.getBoundingClientRect().right <= document.documentElement.clientWidth),
        ).toBe(true);
        expect(await row.getByTestId('team-row-subject').textContent()).toBe(
          'DEMO-6331 · Refill: lisinopril 10 mg tablet, once daily, 90-day supply',
        );
      } finally {
        await b.close();
      }
    });
  }
});
