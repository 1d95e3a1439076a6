import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * Every screen opens after every other: each menu entry in order and back again, as an admin (who sees
 * nearly every screen) and as front-desk staff. Screens share loaded data, so one that stores an answer in
 * another shape breaks the next one opened (the Handbook after Workflows, Roles after Accounts did).
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('navigation', () => {
  for (const who of ['admin', 'front-desk']) {
    it(`${who}: every menu entry opens after every other, with no error`, async () => {
      const b = await openBrowser();
      try {
        const { page } = b;
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(String(e)));
        await signIn(page, server.url, who, PASSWORD);
        const nav = page.locator('nav');
        const links = (await nav.locator('a').allTextContents()).map((t) => t.trim()).filter(Boolean);
        expect(links.length).toBeGreaterThan(5);
        for (const name of [...links, ...[...links].reverse()]) {
          await nav.getByRole('link', { name, exact: true }).first().click();
          await page.waitForLoadState('networkidle');
          if ((await page.getByText('This screen could not be opened').count()) > 0)
            errors.push(`${name}: broken`);
        }
        expect(errors).toEqual([]);
      } finally {
        await b.close();
      }
    }, 120_000);
  }
});
