import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * The API token form says how long a token lasts when left empty and how long it may last, and a
 * lifetime past that is refused under the lifetime, with the limit in words (not "lifetimeDays: Too big: …").
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('an API token’s lifetime', () => {
  it('is explained on the form and refused in words past the limit', async () => {
    const b = await openBrowser();
    try {
      const { page } = b;
      await signIn(page, server.url, 'front-desk', PASSWORD);
      await page.goto(`${server.url}/tokens`);
      await page.getByTestId('tokens-page').waitFor();
      const form = page.getByRole('form', { name: 'New API token' });
      await expect.poll(() => form.textContent()).toContain('Empty: 30 days; at most 90');

      await page.getByTestId('token-name').fill('nightly export');
      const days = page.getByTestId('token-days');
      await days.fill('9999');
      await page.getByTestId('token-create').click();
      // Said under the lifetime it is about.
      const refused = form.getByText('An API token may last at most 90 days');
      await refused.waitFor();
      const describedBy = (await days.getAttribute('aria-describedby')) ?? '';
      expect(describedBy.split(' ')).toContain(await refused.getAttribute('id'));
      expect(await form.textContent()).not.toContain('lifetimeDays');
    } finally {
      await b.close();
    }
  });
});
