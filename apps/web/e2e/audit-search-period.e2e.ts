import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * An auditor's filters answer the question asked: a person searched for within a period finds only what
 * started in it.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

/** A clinic day a month from now: no request has started on it. */
const monthAhead = () => new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

describe('audit filters', () => {
  it('keeps the period when a person is searched for by name', async () => {
    const { page, close } = await openBrowser({ width: 1366, height: 900 });
    try {
      await signIn(page, server.url, 'auditor', PASSWORD);
      const day = monthAhead();
      await page.goto(`${server.url}/audit?from=${day}&to=${day}`);
      await page.getByTestId('audit-search-empty').waitFor();
      // The front desk started the demo's requests today: none of them started in that period.
      await page.getByTestId('audit-filter-person').fill('Dana');
      await page.waitForResponse((r) => r.url().endsWith('/api/instances/search'));
      await page.getByTestId('audit-search-empty').waitFor();
      expect(await page.locator('[data-testid^="audit-result-"]').count()).toBe(0);
    } finally {
      await close();
    }
  });
});
