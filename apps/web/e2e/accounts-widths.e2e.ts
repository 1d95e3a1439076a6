import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { openBrowser, screenshot, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  // A row with the longest words the table holds: two-factor sign-in waiting to be set up again after a
  // reset (who and when), beside the longest role names of the demo clinic.
  await apiSession(server.url, 'lead', PASSWORD);
  const admin = await apiSession(server.url, 'admin', PASSWORD);
  const users = await admin<{ users: Array<{ id: string; username: string }> }>('GET', '/users');
  const lead = users.body.users.find((u) => u.username === 'lead')!;
  expect((await admin('PATCH', `/users/${lead.id}`, { resetTwoFactor: true })).status).toBe(200);
});
afterAll(async () => {
  await server?.stop();
});

/** Every piece of text in the people table that shows less than it holds (a badge reading "Acti…"). */
async function cutTexts(page: Page) {
  return page
    .locator('[data-testid="people-table"] td, [data-testid="people-table"] td *')
    .evaluateAll((els) =>
      els
        .filter((el) => el.scrollWidth > el.clientWidth + 1 && (el.textContent ?? '').trim() !== '')
        .map((el) => el.textContent ?? ''),
    );
}

/** How many lines of text an element shows. */
function linesOf(cell: Locator) {
  return cell.evaluate((el) => {
    const tops = new Set<number>();
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const rect of range.getClientRects()) if (rect.width > 0) tops.add(Math.round(rect.top));
    }
    return tops.size;
  });
}

describe('the people table on a laptop', () => {
  for (const width of [1280, 1366, 1440])
    it(`cuts no name, role or status at ${width} px, reached from the menu while the role names are still on their way`, async () => {
      const b = await openBrowser({ width, height: 900 });
      try {
        await signIn(b.page, server.url, 'admin', PASSWORD);
        // The role catalog arrives after the people (a slow network): the table first lays out with
        // role ids, then with their longer names.
        let release: () => void = () => {};
        const held = new Promise<void>((resolve) => {
          release = resolve;
        });
        await b.page.route(/\/api\/roles(\?|$)/, async (route) => {
          await held;
          await route.continue();
        });
        await b.page.getByRole('link', { name: 'Accounts' }).click();
        await b.page.getByTestId('people-table').waitFor();
        expect(await cutTexts(b.page)).toEqual([]);
        release();
        await b.page
          .locator('[data-testid="people-table"]')
          .getByText('Medical assistant', { exact: false })
          .first()
          .waitFor();
        await expect.poll(() => cutTexts(b.page)).toEqual([]);
        // The reset's time is never split ("1:25" over "PM)"), and the cell reads in two lines at most.
        const twoFactor = b.page.locator('[data-username="lead"] td').nth(4);
        expect(await twoFactor.textContent()).toMatch(/^Waiting for setupReset by Chris Howard, .+$/);
        expect(await linesOf(twoFactor.locator('.pf-time'))).toBe(1);
        expect(await linesOf(twoFactor)).toBeLessThanOrEqual(2);
        if (width === 1366) {
          await b.page.getByRole('row', { name: /Morgan Diaz/ }).scrollIntoViewIfNeeded();
          await screenshot(b.page, 'accounts-people-laptop');
        }
        // And again after a reload, the page reached directly.
        await b.page.unroute(/\/api\/roles(\?|$)/);
        await b.page.reload();
        await b.page
          .getByTestId('people-table')
          .getByText('Medical assistant', { exact: false })
          .first()
          .waitFor();
        expect(await cutTexts(b.page)).toEqual([]);
      } finally {
        await b.close();
      }
    });
});
