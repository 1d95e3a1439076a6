import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { openBrowser, screenshot, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * "Signed in as" and the audit screens name roles by the clinic's role catalog (`/api/roles`): until it
 * answers they show no role at all, never its id ("medical-assistant") or words made from it
 * ("Medical assistant") that then change to the title ("Medical assistant (care-team pool)").
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  // An access in a clinic role, for the access log to name.
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

/** Words made from a role's id where the catalog gives a title (demo usernames are role ids themselves). */
const NOT_A_TITLE = /Medical assistant(?! \(care-team pool\))|Front desk(?! receptionist)/;

/** Records every role id or made-up role name the page shows, however briefly, and holds the catalog back. */
async function watch(page: Page) {
  await page.addInitScript((source) => {
    const pattern = new RegExp(source);
    const seen: string[] = [];
    (window as unknown as { notTitles: string[] }).notTitles = seen;
    new MutationObserver(() => {
      const found = (document.body?.textContent ?? '').match(pattern);
      if (found) seen.push(found[0]);
      // The roles under "Signed in as": nothing, or their titles; never an id.
      const roles = document.querySelector('[data-testid="signed-in-roles"]')?.textContent ?? '';
      if (/medical-assistant/.test(roles)) seen.push(roles);
    }).observe(document, { childList: true, subtree: true, characterData: true });
  }, NOT_A_TITLE.source);
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
    notTitles: () => page.evaluate(() => (window as unknown as { notTitles: string[] }).notTitles),
  };
}

describe('role titles from the clinic’s role catalog', () => {
  it('“Signed in as” names no role until the titles are here', async () => {
    const b = await openBrowser({ width: 1440, height: 900 });
    try {
      const { page } = b;
      const catalog = await watch(page);
      await signIn(page, server.url, 'medical-assistant', PASSWORD);
      await expect.poll(() => catalog.held()).toBeGreaterThan(0);
      const roles = page.getByTestId('signed-in-roles');
      expect(await page.getByTestId('signed-in-as').textContent()).toContain(
        'Signed in as medical-assistant',
      );
      expect(await roles.textContent()).toBe('');

      catalog.release();
      await roles.getByText('Medical assistant (care-team pool)').waitFor();
      expect(await catalog.notTitles()).toEqual([]);
      await screenshot(page, 'signed-in-as-role-title');
    } finally {
      await b.close();
    }
  });

  it('the access log waits for them rather than naming roles by their ids', async () => {
    const b = await openBrowser({ width: 1440, height: 900 });
    try {
      const { page } = b;
      const catalog = await watch(page);
      await signIn(page, server.url, 'auditor', PASSWORD);
      await page.goto(`${server.url}/audit/access-log`);
      await expect.poll(() => catalog.held()).toBeGreaterThan(0);
      await page.getByTestId('screen-loading').waitFor();
      expect(await catalog.notTitles()).toEqual([]);

      catalog.release();
      // (Narrow screens fold the roles under each row: the visible one is the table's.)
      await page.locator(':text("Front desk receptionist"):visible').first().waitFor();
      expect(await catalog.notTitles()).toEqual([]);
      await screenshot(page, 'audit-access-log-role-titles');
    } finally {
      await b.close();
    }
  });
});
