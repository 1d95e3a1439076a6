import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { openBrowser, screenshot, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  // Rows of every kind: a task opened (a long sentence), a history read with values, a refusal.
  const ma = await apiSession(server.url, 'medical-assistant', PASSWORD);
  const pool = await ma<{ items: Array<{ id: string; instanceId: string }> }>('GET', '/tasks?scope=pool');
  const task = pool.body.items[0]!;
  expect((await ma('GET', `/tasks/${task.id}`)).status).toBe(200);
  expect((await ma('GET', `/instances/${task.instanceId}/history?values=true`)).status).toBe(200);
  const frontDesk = await apiSession(server.url, 'front-desk', PASSWORD);
  expect((await frontDesk('GET', '/audit/access-log')).status).toBe(403);
});
afterAll(async () => {
  await server?.stop();
});

/** Each row's Action cell: its width, and how many lines its sentence takes. */
async function actionCells(page: Page) {
  return page.getByTestId('access-log-what').evaluateAll((spans) =>
    spans.map((span) => {
      const lines = new Set([...span.getClientRects()].map((r) => Math.round(r.top)));
      return {
        text: span.textContent ?? '',
        width: span.closest('td')?.getBoundingClientRect().width ?? 0,
        lines: lines.size,
      };
    }),
  );
}

/** The text each row shows: what hidden columns hold does not count. */
function shownTexts(rows: Element[]): string[] {
  // biome-ignore lint/performance/useDomNodeTextContent: only the text on screen counts here
  return rows.map((row) => (row as HTMLElement).innerText);
}

describe('the access log on a tablet-sized screen', () => {
  it('keeps the action readable from 768 px up, every row still saying its role, category and outcome', async () => {
    const b = await openBrowser({ width: 820, height: 1000 });
    try {
      await signIn(b.page, server.url, 'auditor', PASSWORD);
      // List reads shown too: their details button names how many requests they listed.
      await b.page.goto(`${server.url}/audit/access-log?lists=show`);
      const table = b.page.getByTestId('access-log-table');
      await table.waitFor();
      const denied = b.page.locator('[data-testid="access-log-table"] tbody tr[data-outcome="deny"]');
      await denied.first().waitFor();
      await b.page
        .getByTestId('access-log-what')
        .filter({ hasText: /^Listed \d+ requests/ })
        .first()
        .waitFor();

      for (const width of [820, 768]) {
        await b.page.setViewportSize({ width, height: 1000 });
        await expect.poll(async () => (await actionCells(b.page)).length).toBeGreaterThan(3);
        // The sentence has room: whole words on at most three lines, never a few letters a line.
        await expect
          .poll(async () => Math.min(...(await actionCells(b.page)).map((c) => c.width)))
          .toBeGreaterThanOrEqual(240);
        for (const cell of await actionCells(b.page)) expect(cell.lines, cell.text).toBeLessThanOrEqual(3);
        // The table fits the page: nothing to scroll sideways for.
        const overflow = await table.evaluate((el) => el.scrollWidth - (el.parentElement?.clientWidth ?? 0));
        expect(overflow).toBeLessThanOrEqual(1);
        // The time is whole, its day over its clock if need be, never cut short.
        const cut = await b.page
          .locator('[data-testid="access-log-table"] tbody tr td:first-child')
          .evaluateAll((tds) => tds.filter((td) => td.scrollWidth > td.clientWidth + 1).length);
        expect(cut).toBe(0);
        // What the folded columns said is still on each row, in view.
        const rows = await b.page
          .locator('[data-testid="access-log-table"] tbody tr')
          .evaluateAll(shownTexts);
        for (const text of rows) {
          expect(text).toMatch(/Auditor|Front desk|Medical assistant|Provider|Billing|not signed in|—/i);
          expect(text).toMatch(/Allowed|Denied/);
        }
        const [refusal] = await denied.evaluateAll(shownTexts);
        expect(refusal).toMatch(/Denied/);
        expect(refusal).toMatch(/Access log/);
      }
      await b.page.setViewportSize({ width: 820, height: 1000 });
      // Pictured with the rarely used filters folded away, as the page first opens.
      const more = b.page.getByTestId('access-log-more');
      if ((await more.getAttribute('aria-expanded')) === 'true') await more.click();
      await expect.poll(() => more.getAttribute('aria-expanded')).toBe('false');
      await screenshot(b.page, 'audit-access-log-narrow');
    } finally {
      await b.close();
    }
  });
});
