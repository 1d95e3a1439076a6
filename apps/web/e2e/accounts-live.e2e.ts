import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * Another admin renames a person and gives them a role while this admin has that person open: the
 * open panel and the list show it as it is saved, with no reload; so does the person's own header.
 * Roles this admin had already picked are not swept away by it, and saving them over the other
 * admin's change is refused, not done unseen. A staff list's many changes are read once, together.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

describe("another admin's change to an account", () => {
  it('shows at once on the open account panel and in the person’s own header', async () => {
    const admin = await openBrowser({ width: 1440, height: 900 });
    const dana = await openBrowser({ width: 1280, height: 800 });
    try {
      await signIn(dana.page, server.url, 'front-desk', PASSWORD);
      await dana.page.getByTestId('header-account').getByText('Dana Whitfield').waitFor();

      await signIn(admin.page, server.url, 'admin', PASSWORD);
      await admin.page.goto(`${server.url}/accounts`);
      await admin.page.getByRole('button', { name: 'Manage Dana Whitfield' }).click();
      const panel = admin.page.getByTestId('person-panel');
      await panel.waitFor();
      const name = panel.getByRole('textbox', { name: /^Full name/ });
      expect(await name.inputValue()).toBe('Dana Whitfield');

      const other = await apiSession(server.url, 'admin', PASSWORD);
      const { body } = await other<{ users: Array<{ id: string; username: string }> }>('GET', '/users');
      const id = body.users.find((u) => u.username === 'front-desk')!.id;
      // A new name: her access is unchanged, so only the live word tells the screens.
      const renamed = await other('PATCH', `/users/${id}`, { displayName: 'Dana Whitfield-Ruiz' });
      expect(renamed.status).toBe(200);
      await expect.poll(() => name.inputValue(), { timeout: 10_000 }).toBe('Dana Whitfield-Ruiz');
      await admin.page
        .getByRole('button', { name: 'Manage Dana Whitfield-Ruiz' })
        .waitFor({ timeout: 10_000 });
      await dana.page
        .getByTestId('header-account')
        .getByText('Dana Whitfield-Ruiz')
        .waitFor({ timeout: 10_000 });

      // A second role: the panel's roles show it.
      const given = await other('PATCH', `/users/${id}`, { roles: ['front-desk', 'scheduler'] });
      expect(given.status).toBe(200);
      await panel
        .locator('.mantine-MultiSelect-pill', { hasText: 'Scheduling coordinator' })
        .waitFor({ timeout: 10_000 });
      const save = panel.getByRole('button', { name: 'Save roles' });
      expect(await save.isDisabled()).toBe(true);

      // This admin picks another role; meanwhile the other admin gives a third. The pick stays (not
      // swept away by the live change), and saving it is refused rather than undoing theirs unseen.
      await panel.getByLabel('Roles').click();
      await admin.page.getByRole('option', { name: /Medical records specialist/ }).click();
      await admin.page.keyboard.press('Escape');
      const third = await other('PATCH', `/users/${id}`, {
        roles: ['front-desk', 'scheduler', 'billing-specialist'],
      });
      expect(third.status).toBe(200);
      // The trail in the panel hears the change too: once it names the third role, the panel has re-read.
      await panel
        .getByTestId('account-changes')
        .getByText('Patient billing specialist')
        .first()
        .waitFor({ timeout: 10_000 });
      const pill = (title: string) => panel.locator('.mantine-MultiSelect-pill', { hasText: title });
      expect(await pill('Medical records specialist').count()).toBe(1);
      expect(await save.isDisabled()).toBe(false);
      await save.click();
      const refusal = admin.page.locator('.mantine-Notification-root', { hasText: 'Not changed' });
      await refusal.waitFor();
      expect(await refusal.textContent()).toContain('Patient billing specialist');
      // The box now shows the roles as they are, to choose from again; nothing was undone.
      await pill('Patient billing specialist').waitFor();
      expect(await pill('Medical records specialist').count()).toBe(0);
      expect(await save.isDisabled()).toBe(true);
    } finally {
      await admin.close();
      await dana.close();
    }
  });

  it('a staff list of thirty people is read once or twice by an open Accounts page, not thirty times', async () => {
    const admin = await openBrowser({ width: 1440, height: 900 });
    try {
      await signIn(admin.page, server.url, 'admin', PASSWORD);
      await admin.page.goto(`${server.url}/accounts`);
      await admin.page
        .getByRole('button', { name: /^Manage / })
        .first()
        .waitFor();
      await admin.page.waitForTimeout(1000);
      let reads = 0;
      admin.page.on('request', (r) => {
        if (new URL(r.url()).pathname === '/api/users' && r.method() === 'GET') reads++;
      });
      const other = await apiSession(server.url, 'admin', PASSWORD);
      const rows = Array.from({ length: 30 }, (_, i) => `temp-${i},Temp Person ${i},front-desk`);
      const applied = await other('POST', '/users/import', {
        csv: ['username,display name,roles', ...rows].join('\n'),
      });
      expect(applied.status).toBe(200);
      await admin.page.getByRole('button', { name: 'Manage Temp Person 29' }).waitFor({ timeout: 10_000 });
      await admin.page.waitForTimeout(1500);
      expect(reads).toBeGreaterThanOrEqual(1);
      expect(reads).toBeLessThanOrEqual(3);
    } finally {
      await admin.close();
    }
  });
});
