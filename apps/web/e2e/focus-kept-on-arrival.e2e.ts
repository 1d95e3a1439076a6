import type { Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * Help & FAQ puts the cursor in its search box as it opens, but not once the person has moved on:
 * on a slow computer the page can finish loading after they have already tabbed back to the menu,
 * and taking the focus then sent their Enter into the search box instead of the next screen.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('Help & FAQ opening late', () => {
  it('leaves the focus where the person moved it meanwhile', async () => {
    const b = await openBrowser({ width: 1366, height: 768, noServiceWorker: true });
    try {
      const { page } = b;
      await signIn(page, server.url, 'front-desk', PASSWORD);
      await page.getByTestId('my-work').waitFor();
      // The help page's code and entries arrive late, as on a slow network or a busy computer.
      let release!: () => void;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      await page.route(
        (url) => url.pathname.startsWith('/api/help') || /\/assets\/FaqPage-/.test(url.pathname),
        async (route: Route) => {
          await held;
          await route.continue().catch(() => {});
        },
      );
      const menu = page.getByRole('navigation', { name: 'Main' });
      await menu.getByRole('link', { name: 'Help & FAQ' }).focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => page.title()).toBe('Help & FAQ · portalflow');
      // The person moves on before the page has loaded.
      await menu.getByRole('link', { name: 'Tracking' }).focus();
      release();
      await page.getByTestId('faq-search').waitFor();
      await page.waitForTimeout(300);
      expect(await page.evaluate(() => document.activeElement?.textContent ?? '')).toContain('Tracking');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.title()).toBe('Tracking · portalflow');

      // Arriving and staying, the cursor is in the search box, ready to type.
      await menu.getByRole('link', { name: 'Help & FAQ' }).click();
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
        .toBe('faq-search');
    } finally {
      await b.close();
    }
  });
});
