import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { openBrowser, screenshot, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * Every screen that names a role comes with the clinic's role titles ("Pharmacy refill coordinator"):
 * a name made from the role's id ("Refill coordinator") never shows, not even for a moment, however
 * slowly the titles arrive.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  const desk = await apiSession(server.url, 'front-desk', PASSWORD);
  const started = await desk('POST', '/requests', {
    definitionId: 'prescription-refill',
    data: { patient: 'DEMO-6331', medication: 'lisinopril' },
  });
  expect(started.status).toBe(201);
});
afterAll(async () => {
  await server?.stop();
});

/** Names made from a role's id where the clinic's title says otherwise. */
const MADE_UP =
  /(?<!Pharmacy )Refill coordinator|Billing specialist|Portal enrollment specialist|It help desk/;

/** Records every made-up role name the page shows, however briefly, and holds the titles back. */
async function watch(page: Page) {
  await page.addInitScript((source) => {
    const pattern = new RegExp(source);
    const seen: string[] = [];
    (window as unknown as { madeUp: string[] }).madeUp = seen;
    new MutationObserver(() => {
      const found = (document.body?.textContent ?? '').match(pattern);
      if (found) seen.push(found[0]);
    }).observe(document, { childList: true, subtree: true, characterData: true });
  }, MADE_UP.source);
  // The clinic's role list, where the role titles come from, is held back until released.
  const held: (() => void)[] = [];
  let holding = true;
  await page.route(
    (url) => url.pathname === '/api/roles',
    (route) => (holding ? void held.push(() => void route.continue()) : void route.continue()),
  );
  return {
    held: () => held.length,
    release: () => {
      holding = false;
      for (const go of held.splice(0)) go();
    },
    madeUp: () => page.evaluate(() => (window as unknown as { madeUp: string[] }).madeUp),
  };
}

describe('role titles at first paint', () => {
  it('the Team page waits for the titles rather than showing names made from role ids', async () => {
    const b = await openBrowser({ width: 1440, height: 900 });
    try {
      const { page } = b;
      const titles = await watch(page);
      await signIn(page, server.url, 'lead', PASSWORD);
      await page.getByRole('link', { name: 'Team' }).click();
      await expect.poll(() => titles.held()).toBeGreaterThan(0);
      await page.getByTestId('screen-loading').waitFor();
      expect(await page.getByTestId('team-workload').count()).toBe(0);
      expect(await titles.madeUp()).toEqual([]);

      titles.release();
      await page.getByTestId('team-workload').getByText('Pharmacy refill coordinator').first().waitFor();
      await page.getByTestId('team-table').waitFor();
      expect(await titles.madeUp()).toEqual([]);
      await screenshot(page, 'team-role-titles');
    } finally {
      await b.close();
    }
  });

  it('Tracking, reached directly, waits for them too', async () => {
    const b = await openBrowser({ width: 1440, height: 900 });
    try {
      const { page } = b;
      const titles = await watch(page);
      await signIn(page, server.url, 'lead', PASSWORD);
      await page.goto(`${server.url}/tracking`);
      await expect.poll(() => titles.held()).toBeGreaterThan(0);
      await page.getByTestId('screen-loading').waitFor();
      expect(await page.getByTestId('tracking-role').count()).toBe(0);
      titles.release();
      await page.getByTestId('tracking-role').click();
      await page.getByRole('option', { name: 'Pharmacy refill coordinator' }).waitFor();
      expect(await titles.madeUp()).toEqual([]);
    } finally {
      await b.close();
    }
  });

  it('the notification bell says “Loading…” until the titles are here', async () => {
    const b = await openBrowser({ width: 1440, height: 900 });
    try {
      const { page } = b;
      const titles = await watch(page);
      await signIn(page, server.url, 'refill-coordinator', PASSWORD);
      await expect.poll(() => titles.held()).toBeGreaterThan(0);
      await page.getByTestId('notification-bell').click();
      const list = page.getByTestId('notification-list');
      await list.waitFor();
      await expect.poll(() => list.textContent()).toContain('Loading…');
      titles.release();
      await page.getByTestId('notification-list').getByText('Loading…').waitFor({ state: 'hidden' });
      expect(await titles.madeUp()).toEqual([]);
    } finally {
      await b.close();
    }
  });
});
