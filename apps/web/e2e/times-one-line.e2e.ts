import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { openBrowser, screenshot, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

let server: TestServer;
const ROSA = 'Rosa Medina';

beforeAll(async () => {
  server = await startTestServer();
  // A new account with a few changes: created, given a one-time code, a second role.
  const admin = await apiSession(server.url, 'admin', PASSWORD);
  const made = await admin<{ user: { id: string } }>('POST', '/users', {
    username: 'ma-rosa',
    displayName: ROSA,
    roles: ['medical-assistant'],
    password: 'rosa-medina-password-1',
  });
  expect(made.status).toBe(201);
  const id = made.body.user.id;
  expect((await admin('POST', `/users/${id}/set-password-code`, {})).status).toBe(201);
  expect(
    (await admin('PATCH', `/users/${id}`, { roles: ['medical-assistant', 'triage-nurse'] })).status,
  ).toBe(200);
});
afterAll(async () => {
  await server?.stop();
});

/** "Today 11:11 AM", "Yesterday 9:05 PM", "Wed, Dec 9, 8:00 AM", "Mon, Dec 7, 2027, 14:30". */
const TIME =
  /^(Today|Tomorrow|Yesterday|[A-Z][a-z]{2}, [A-Z][a-z]{2} \d{1,2},( \d{4},)?) \d{1,2}:\d{2}(:\d{2})?( [AP]M)?$/;

/**
 * Table cells holding a time and nothing else, in `scope`, that take more than one line: the text's
 * height over one and a half of its line height.
 */
function wrappedTimes(page: Page, scope: string) {
  return page.locator(`${scope} td`).evaluateAll((cells, pattern) => {
    const time = new RegExp(pattern);
    const out: Array<{ text: string; height: number; line: number }> = [];
    for (const td of cells) {
      const text = (td.textContent ?? '').trim();
      if (!time.test(text)) continue;
      const range = document.createRange();
      range.selectNodeContents(td);
      const height = range.getBoundingClientRect().height;
      const style = getComputedStyle(td);
      const line = Number.parseFloat(style.lineHeight) || 1.2 * Number.parseFloat(style.fontSize);
      if (height > 1.5 * line) out.push({ text, height, line });
    }
    return out;
  }, TIME.source);
}

/** How many cells in `scope` hold a time alone (so a check of none wrapped is not a check of nothing). */
function timeCells(page: Page, scope: string) {
  return page
    .locator(`${scope} td`)
    .evaluateAll(
      (cells, pattern) =>
        cells.filter((td) => new RegExp(pattern).test((td.textContent ?? '').trim())).length,
      TIME.source,
    );
}

describe('times in tables', () => {
  it('stay on one line in the account lists, the change history and the person panel, wide and narrow', async () => {
    const b = await openBrowser({ width: 1366, height: 900 });
    try {
      await signIn(b.page, server.url, 'admin', PASSWORD);
      await b.page.goto(`${server.url}/accounts`);
      await b.page.getByTestId('people-table').waitFor();
      for (const width of [1366, 768]) {
        await b.page.setViewportSize({ width, height: 900 });
        // The people list: when each last signed in.
        await b.page.getByRole('tab', { name: 'People' }).click();
        await expect.poll(() => timeCells(b.page, '[data-testid="people-table"]')).toBeGreaterThan(0);
        expect(await wrappedTimes(b.page, '[data-testid="people-table"]')).toEqual([]);

        // The change history: when each change was made.
        await b.page.getByRole('tab', { name: 'Change history' }).click();
        const trail = '[data-testid="account-changes"]';
        await b.page.locator(trail).waitFor();
        expect(await timeCells(b.page, trail)).toBeGreaterThanOrEqual(3);
        expect(await wrappedTimes(b.page, trail)).toEqual([]);
        if (width === 1366) await screenshot(b.page, 'accounts-history-times');

        // One person's panel: where they are signed in, and the changes to their account.
        await b.page.getByRole('tab', { name: 'People' }).click();
        await b.page
          .locator('[data-username="ma-rosa"]')
          .getByRole('button', { name: /Manage/ })
          .click();
        const panel = '[data-testid="person-panel"]';
        await b.page.locator(`${panel} [data-testid="account-changes"]`).waitFor();
        expect(await timeCells(b.page, panel)).toBeGreaterThanOrEqual(3);
        expect(await wrappedTimes(b.page, panel)).toEqual([]);
        if (width === 1366) await screenshot(b.page, 'accounts-person-times');
        await b.page.keyboard.press('Escape');
        await b.page.locator(panel).waitFor({ state: 'detached' });
      }
    } finally {
      await b.close();
    }
  });

  it('stay on one line in the audit lists and the open steps of a replay, wide and narrow', async () => {
    const b = await openBrowser({ width: 1366, height: 900 });
    try {
      await signIn(b.page, server.url, 'auditor', PASSWORD);
      await b.page.getByTestId('audit-search').waitFor();
      // A request still open: its replay lists the steps open now, each with its due time.
      const open = b.page
        .locator('[data-testid^="audit-result-"]:has([data-status="active"]) [data-testid^="audit-open-"]')
        .first();
      await open.waitFor();
      for (const width of [1366, 768]) {
        await b.page.setViewportSize({ width, height: 900 });
        expect(await timeCells(b.page, '[data-testid="audit-results"]')).toBeGreaterThan(0);
        expect(await wrappedTimes(b.page, '[data-testid="audit-results"]')).toEqual([]);
      }
      await b.page.setViewportSize({ width: 1366, height: 900 });
      await open.click();
      await b.page.getByTestId('replay-active').waitFor();
      for (const width of [1366, 768]) {
        await b.page.setViewportSize({ width, height: 900 });
        await expect.poll(() => timeCells(b.page, '[data-testid="replay-active"]')).toBeGreaterThan(0);
        expect(await wrappedTimes(b.page, '[data-testid="replay-active"]')).toEqual([]);
      }
    } finally {
      await b.close();
    }
  });
});
