import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe.ts';
import { openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

/** What the server answers to a request with this bearer token, from outside the browser. */
async function statusWith(secret: string): Promise<number> {
  return (await fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${secret}` } })).status;
}

describe('API tokens in the browser', () => {
  it('a user creates a read-only token, sees its secret once, and revokes it; an admin revokes another', async () => {
    const b = await openBrowser();
    let kept = '';
    try {
      await signIn(b.page, server.url, 'front-desk', PASSWORD);
      await b.page.getByRole('link', { name: 'API tokens' }).click();
      await b.page.getByTestId('tokens-page').waitFor();
      await b.page.getByTestId('token-name').fill('nightly export');
      await b.page.getByTestId('token-days').fill('7');
      await b.page.getByTestId('token-create').click();
      const secret = (await b.page.getByTestId('token-secret').textContent()) ?? '';
      expect(secret).toMatch(/^pft_/);
      expect(await statusWith(secret)).toBe(200);
      const row = b.page.getByTestId('token-row').filter({ hasText: 'nightly export' });
      await expect(row.getByTestId('token-status').textContent()).resolves.toBe('active');
      await expect(row.textContent()).resolves.toContain('Read only');
      expect(await seriousViolations(b.page)).toEqual([]);
      // Shown once: after a reload the secret is nowhere on the page.
      await b.page.reload();
      await b.page.getByTestId('tokens-table').waitFor();
      expect(await b.page.content()).not.toContain(secret);

      await row.getByTestId('token-revoke').click();
      await b.page.getByTestId('token-revoke-confirm').click();
      await b.page
        .getByTestId('token-row')
        .filter({ hasText: 'nightly export' })
        .and(b.page.locator('[data-status="revoked"]'))
        .waitFor();
      expect(await statusWith(secret)).toBe(401);

      // A second token, for the admin to revoke.
      await b.page.getByTestId('token-name').fill('intake bridge');
      await b.page.getByTestId('token-create').click();
      kept = (await b.page.getByTestId('token-secret').textContent()) ?? '';
      expect(await statusWith(kept)).toBe(200);
    } finally {
      await b.close();
    }

    const admin = await openBrowser();
    try {
      await signIn(admin.page, server.url, 'admin', PASSWORD);
      await admin.page.getByRole('link', { name: 'Accounts' }).click();
      await admin.page
        .locator('[data-username="front-desk"]')
        .getByRole('button', { name: /Manage/ })
        .click();
      const row = admin.page.getByTestId('token-row').filter({ hasText: 'intake bridge' });
      await row.getByTestId('token-revoke').click();
      await admin.page.getByTestId('token-revoke-confirm').click();
      await admin.page
        .getByTestId('token-row')
        .filter({ hasText: 'intake bridge' })
        .and(admin.page.locator('[data-status="revoked"]'))
        .waitFor();
      await expect(
        admin.page.getByTestId('token-row').filter({ hasText: 'intake bridge' }).textContent(),
      ).resolves.toContain('revoked by an admin');
      expect(await seriousViolations(admin.page)).toEqual([]);
      expect(await statusWith(kept)).toBe(401);
    } finally {
      await admin.close();
    }
  });
});
