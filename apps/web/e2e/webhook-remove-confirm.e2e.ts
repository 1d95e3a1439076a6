import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * Removing a webhook subscription cannot be undone (a new one has a new secret the other system must
 * be given again), so the admin is asked first, in words naming the receiver and what stops.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('removing a webhook subscription', () => {
  it('asks first, says what stops, and keeps the subscription when the admin keeps it', async () => {
    const b = await openBrowser();
    try {
      const { page } = b;
      await signIn(page, server.url, 'admin', PASSWORD);
      await page.goto(`${server.url}/webhooks`);
      await page.getByTestId('webhooks-page').waitFor();
      const url = 'https://ehr.example.org/hooks/portalflow';
      await page.getByTestId('webhook-url').fill(url);
      await page.getByTestId('webhook-create').click();
      const row = page.getByTestId('webhook-row').filter({ hasText: url });
      await row.waitFor();

      await row.getByRole('button', { name: 'Remove' }).click();
      const dialog = page.getByRole('dialog', { name: 'Remove this webhook subscription?' });
      await dialog.waitFor();
      const said = (await dialog.textContent()) ?? '';
      expect(said).toContain(url);
      expect(said).toContain('stops hearing');
      expect(said).toContain('cannot be undone');
      await dialog.getByRole('button', { name: 'Keep it' }).click();
      await dialog.waitFor({ state: 'detached' });
      expect(
        (await server.server.store.listWebhookSubscriptions()).find((s) => s.url === url)?.disabledAt,
      ).toBe(null);
      expect(await row.getByRole('button', { name: 'Remove' }).isVisible()).toBe(true);

      await row.getByRole('button', { name: 'Remove' }).click();
      await dialog.getByRole('button', { name: 'Remove subscription' }).click();
      await row.getByText(/^removed /).waitFor();
      expect(
        (await server.server.store.listWebhookSubscriptions()).find((s) => s.url === url)?.disabledAt,
      ).not.toBe(null);
    } finally {
      await b.close();
    }
  });
});
