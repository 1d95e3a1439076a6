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
  // The operations lead lists the requests: a long role name and a long category on one row.
  const lead = await apiSession(server.url, 'lead', PASSWORD);
  expect((await lead('GET', '/instances')).status).toBe(200);
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
          expect(text).toMatch(
            /Auditor|Front desk|Medical assistant|Operations lead|Provider|Billing|not signed in|—/i,
          );
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

/**
 * Roles and categories on screen (in their own columns, or folded under the person and the action)
 * whose words do not all show: cut short, or running out of their place.
 */
function cutCells(page: Page) {
  return page
    .locator('[data-testid="access-log-table"] tbody :is(td.pf-al-role, td.pf-al-category, .pf-al-folded)')
    .evaluateAll((cells) =>
      cells
        .filter((cell) => getComputedStyle(cell).display !== 'none')
        .filter(
          (cell) => cell.scrollWidth > cell.clientWidth + 1 || cell.scrollHeight > cell.clientHeight + 1,
        )
        .map((cell) => cell.textContent ?? ''),
    );
}

/** The role and category texts on screen, in their columns or folded. */
function shownWords(page: Page) {
  return page
    .locator('[data-testid="access-log-table"] tbody tr')
    .evaluateAll(shownTexts)
    .then((rows) => rows.join('\n'));
}

describe('the access log on a laptop', () => {
  it('shows every role and category whole, and says in words what each entry did', async () => {
    const b = await openBrowser({ width: 1366, height: 900 });
    try {
      await signIn(b.page, server.url, 'auditor', PASSWORD);
      await b.page.goto(`${server.url}/audit/access-log?lists=show`);
      const table = b.page.getByTestId('access-log-table');
      await table.waitFor();
      const roles = b.page.locator('[data-testid="access-log-table"] tbody td.pf-al-role');
      await expect.poll(async () => (await roles.allTextContents()).includes('Operations lead')).toBe(true);
      const categories = b.page.locator('[data-testid="access-log-table"] tbody td.pf-al-category');
      await expect
        .poll(async () => (await categories.allTextContents()).includes('Request lists and searches'))
        .toBe(true);
      for (const width of [1366, 1280]) {
        await b.page.setViewportSize({ width, height: 900 });
        await expect.poll(() => shownWords(b.page)).toContain('Operations lead');
        expect(await shownWords(b.page)).toContain('Request lists and searches');
        // Wrapped onto a second line if need be, never cut to "Operations l…".
        expect(await cutCells(b.page)).toEqual([]);
        // Still no sideways scrolling.
        const overflow = await table.evaluate((el) => el.scrollWidth - (el.parentElement?.clientWidth ?? 0));
        expect(overflow).toBeLessThanOrEqual(1);
      }
      await b.page.setViewportSize({ width: 1366, height: 900 });
      await screenshot(b.page, 'audit-access-log-laptop');

      // A row's details say what was done as the row does, not the route the browser called.
      const row = b.page
        .locator('[data-testid="access-log-table"] tbody tr')
        .filter({
          has: b.page.locator('[data-testid="access-log-what"]', { hasText: /^Read the access log$/ }),
        })
        .first();
      await row.getByTestId('access-log-details').click();
      const panel = b.page.getByTestId('access-log-details-panel');
      await panel.waitFor();
      const said = (await panel.textContent()) ?? '';
      expect(said).toContain('Read the access log');
      expect(said).not.toMatch(/\/api\/|Route|GET |POST /);
      await screenshot(b.page, 'audit-access-log-details');
      await b.page.keyboard.press('Escape');
    } finally {
      await b.close();
    }
  });
});
