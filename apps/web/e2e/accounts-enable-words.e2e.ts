import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * The account change history says "Account disabled" and "Account enabled", active → disabled and back,
 * not "Disabled: yes → no" (which reads as if enabling had disabled someone).
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  const admin = await apiSession(server.url, 'admin', PASSWORD);
  const { body } = await admin<{ users: Array<{ id: string; username: string }> }>('GET', '/users');
  const biller = body.users.find((u) => u.username === 'billing-specialist')!;
  expect((await admin('PATCH', `/users/${biller.id}`, { disabled: true })).status).toBe(200);
  expect((await admin('PATCH', `/users/${biller.id}`, { disabled: false })).status).toBe(200);
});
afterAll(async () => {
  await server?.stop();
});

describe('disabling and enabling in the change history', () => {
  it('reads in words', async () => {
    const b = await openBrowser();
    try {
      const { page } = b;
      await signIn(page, server.url, 'admin', PASSWORD);
      await page.getByRole('link', { name: 'Accounts' }).click();
      await page.getByRole('tab', { name: 'Change history' }).click();
      const rows = page.getByTestId('account-changes').locator('tbody tr');
      const enabled = rows.filter({ hasText: 'Account enabled' });
      await enabled.waitFor();
      const cells = async (row: typeof enabled) => (await row.locator('td').allTextContents()).slice(3);
      expect(await cells(enabled)).toEqual(['Account enabled', 'disabled', 'active']);
      expect(await cells(rows.filter({ hasText: 'Account disabled' }))).toEqual([
        'Account disabled',
        'active',
        'disabled',
      ]);
      expect(await rows.filter({ hasText: /\byes\b/ }).count()).toBe(0);
    } finally {
      await b.close();
    }
  });
});
