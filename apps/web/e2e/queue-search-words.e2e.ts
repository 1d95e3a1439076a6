import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * The search over a queue finds requests by the words of their name and step, whatever the role: the
 * box says so in words that fit a billing specialist's pool as well as a refill pool (it said
 * "Patient reference, medication…" to staff whose requests name no medication).
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('searching a queue', () => {
  it('asks for words that fit any role’s requests, and finds a billing question by its type', async () => {
    const b = await openBrowser({ width: 1366, height: 768 });
    try {
      const { page } = b;
      await signIn(page, server.url, 'billing-specialist', PASSWORD);
      await page.getByTestId('work-folder-pool-billing-specialist').click();
      const search = page.getByTestId('filter-text');
      expect(await search.getAttribute('placeholder')).toBe(
        'Patient reference, or words of the request or its step',
      );
      await search.fill('denial');
      await page.getByTestId('task-list').getByText('Billing: Insurance denial').first().waitFor();
    } finally {
      await b.close();
    }
  });
});
