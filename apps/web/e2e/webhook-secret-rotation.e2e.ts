import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * An admin changes a receiver's signing secret without a gap: the new secret is shown once, the row
 * says both secrets sign until the rotation is finished, and finishing leaves the new one alone.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('rotating a webhook signing secret', () => {
  it('shows the new secret once, says both sign, and finishes on request', async () => {
    const b = await openBrowser();
    try {
      const { page } = b;
      await signIn(page, server.url, 'admin', PASSWORD);
      await page.goto(`${server.url}/webhooks`);
      await page.getByTestId('webhooks-page').waitFor();
      const url = 'https://ehr.example.org/hooks/rotation';
      await page.getByTestId('webhook-url').fill(url);
      await page.getByTestId('webhook-create').click();
      const first = (await page.getByTestId('webhook-secret').textContent()) ?? '';
      expect(first).toMatch(/^whsec_/);
      const row = page.getByTestId('webhook-row').filter({ hasText: url });

      await row.getByTestId('webhook-rotate').click();
      const shown = page.getByTestId('webhook-new-secret-shown');
      await shown.waitFor();
      const second = (await page.getByTestId('webhook-new-secret').textContent()) ?? '';
      expect(second).toMatch(/^whsec_/);
      expect(second).not.toBe(first);
      expect(await shown.textContent()).toContain('Finish rotation');
      await row.getByTestId('webhook-rotating').waitFor();
      expect(await row.textContent()).toContain('Signed with the new and the old secret');

      // Shown once: after a reload the new secret is gone, the rotation is still under way.
      await page.reload();
      await row.getByTestId('webhook-rotating').waitFor();
      expect(await page.content()).not.toContain(second);

      await row.getByTestId('webhook-rotation-finish').click();
      await page.getByText('Only the new secret signs from now on.').waitFor();
      await row.getByTestId('webhook-rotate').waitFor();
      expect(await row.getByTestId('webhook-rotating').count()).toBe(0);
    } finally {
      await b.close();
    }
  });
});
