import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, signIn } from './support/browser.ts';
import { tabTo } from './support/keyboard.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * Each screen names itself in the page title: a screen reader says it after every move through the
 * menu, and browser tabs and history tell the screens apart (every one was "portalflow").
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('page titles', () => {
  it('name the screen reached from the menu, and go back to the product name when signed out', async () => {
    const b = await openBrowser({ width: 1366, height: 768 });
    try {
      const { page } = b;
      await signIn(page, server.url, 'front-desk', PASSWORD);
      await page.getByTestId('my-work').waitFor();
      await expect.poll(() => page.title()).toBe('My work · portalflow');
      for (const screen of ['Help & FAQ', 'Tracking', 'Your account']) {
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: screen }).focus();
        await page.keyboard.press('Enter');
        await expect.poll(() => page.title()).toBe(`${screen} · portalflow`);
      }
      await tabTo(page, (f) => f.text === 'Sign out', 60, 'Shift+Tab');
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      await expect.poll(() => page.title()).toBe('portalflow');
    } finally {
      await b.close();
    }
  });
});
