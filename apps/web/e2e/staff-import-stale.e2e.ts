import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * An admin previews a staff list; before they apply it, another admin gives one of the people on it a
 * role on that person's own screen. Apply leaves that person as the other admin left them, says so in
 * words with the roles by title, and applies the other rows.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('a staff list applied from an older preview', () => {
  it("refuses the rows whose person's roles changed since, in words, and applies the rest", async () => {
    const admin = await openBrowser();
    try {
      const page = admin.page;
      await signIn(page, server.url, 'admin', PASSWORD);
      await page.getByRole('link', { name: 'Accounts' }).click();
      await page.getByTestId('people-table').waitFor();
      await page.getByRole('tab', { name: 'Import staff list' }).click();
      await page
        .getByRole('textbox', { name: /paste it here/ })
        .fill(
          'username,display name,roles\nbilling-specialist,Bea Billing,billing-specialist;front-desk\nprovider,Dr Pat Provider,provider',
        );
      await page.getByRole('button', { name: 'Preview' }).click();
      await page.getByTestId('import-preview').waitFor();

      // Meanwhile another admin gives the billing specialist the scheduler role.
      const other = await apiSession(server.url, 'admin', PASSWORD);
      const people = await other<{ users: Array<{ id: string; username: string; roles: string[] }> }>(
        'GET',
        '/users',
      );
      const bea = people.body.users.find((p) => p.username === 'billing-specialist')!;
      const changed = await other('PATCH', `/users/${bea.id}`, {
        roles: [...bea.roles, 'scheduler'],
        expectedRoles: bea.roles,
      });
      expect(changed.status).toBe(200);

      await page.getByRole('button', { name: /^Apply/ }).click();
      const refused = page.getByTestId('import-not-applied');
      await refused.waitFor({ timeout: 15_000 });
      const said = (await refused.textContent()) ?? '';
      expect(said).toContain('Not applied: 1 row');
      expect(said).toMatch(/someone changed .+'s roles since your preview/);
      expect(said).not.toMatch(/\bscheduler\b/);
      expect(said).toContain('The other rows were applied.');
      const after = await other<{ users: Array<{ username: string; displayName: string; roles: string[] }> }>(
        'GET',
        '/users',
      );
      const byName = (u: string) => after.body.users.find((p) => p.username === u)!;
      expect(byName('billing-specialist').roles.sort()).toEqual(['billing-specialist', 'scheduler']);
      expect(byName('provider').displayName).toBe('Dr Pat Provider');
    } finally {
      await admin.close();
    }
  }, 120_000);
});
