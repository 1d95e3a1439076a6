import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * The verify badge explains itself to an auditor who reaches it by keyboard as well as by pointer: in
 * words about the request's events (changed, removed, reordered), not "hash chain intact".
 */

let server: TestServer;
let id = '';

beforeAll(async () => {
  server = await startTestServer();
  const auditor = await apiSession(server.url, 'auditor', PASSWORD);
  const listed = await auditor<{ items: Array<{ id: string; revision: number }> }>('GET', '/instances');
  id = listed.body.items.find((i) => i.revision > 1)!.id;
});
afterAll(async () => {
  await server?.stop();
});

describe('the verify badge', () => {
  it('says in words what was checked, when reached by keyboard', async () => {
    const { page, close } = await openBrowser({ width: 1440, height: 900 });
    try {
      await signIn(page, server.url, 'auditor', PASSWORD);
      await page.goto(`${server.url}/audit/instances/${id}`);
      const badge = page.getByTestId('verify-badge');
      await expect.poll(() => badge.getAttribute('data-state'), { timeout: 15_000 }).toBe('verified');
      await badge.focus();
      expect(await badge.evaluate((el) => el === document.activeElement)).toBe(true);
      const tip = page.getByRole('tooltip');
      await tip.waitFor();
      expect(await tip.textContent()).toMatch(/has been changed, removed or reordered since/);
      expect(await tip.textContent()).not.toMatch(/hash chain intact/i);
      // Read out too: the explanation describes the badge.
      const described = await badge.getAttribute('aria-describedby');
      expect(described).toBeTruthy();
      expect(await page.locator(`[id="${described}"]`).first().textContent()).toMatch(/changed, removed/);
    } finally {
      await close();
    }
  });

  it('sits under words that speak of requests, as the tab above it does', async () => {
    const { page, close } = await openBrowser({ width: 1440, height: 900 });
    try {
      await signIn(page, server.url, 'auditor', PASSWORD);
      await page.goto(`${server.url}/audit/instances/${id}`);
      await page.getByTestId('verify-badge').waitFor();
      expect(await page.getByTestId('audit-back').textContent()).toBe(' Requests');
      expect(await page.getByTestId('audit-replay-header').textContent()).not.toMatch(/instance/i);
    } finally {
      await close();
    }
  });
});
