import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { seriousViolations } from './support/axe.ts';
import { openBrowser, signIn } from './support/browser.ts';
import { look } from './support/look.ts';
import { addColleague, PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * The receptionist's name was typed wrong when her account was made (or she has since changed it): the
 * admin corrects it on her account's panel. Only spaces is refused under the field; the saved name is
 * what the list, the panel's heading and the account's history show, and of two admins renaming her at
 * once the panel shows the name that was saved last.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await addColleague(server, 'admin', { username: 'admin-two', displayName: 'Rosa Second-Admin' });
});
afterAll(async () => {
  await server?.stop();
});

describe("an admin corrects a person's full name", () => {
  it('refuses only spaces under the field, saves the trimmed name everywhere, and the history says from what to what', async () => {
    const b = await openBrowser();
    try {
      const { page } = b;
      await signIn(page, server.url, 'admin', PASSWORD);
      await page.getByRole('link', { name: 'Accounts' }).click();
      const row = page.locator('[data-username="front-desk"]');
      await row.getByRole('button', { name: 'Manage Dana Whitfield' }).click();
      const drawer = page.getByRole('dialog', { name: 'Dana Whitfield' });
      const panel = drawer.getByTestId('person-panel');
      const field = panel.getByRole('textbox', { name: 'Full name' });
      expect(await field.inputValue()).toBe('Dana Whitfield');
      const save = panel.getByRole('button', { name: 'Save name' });
      // Nothing typed yet: nothing to save.
      expect(await save.isDisabled()).toBe(true);

      // Only spaces: the server's words under the field, and the name stays.
      await field.fill('   ');
      await save.click();
      await panel.getByText('Type a name, not only spaces').waitFor();
      expect(await field.getAttribute('aria-invalid')).toBe('true');
      // Read out with the field: the refusal is what describes it.
      expect(
        await field.evaluate((el) =>
          (el.getAttribute('aria-describedby') ?? '')
            .split(' ')
            .map((id) => document.getElementById(id)?.textContent ?? '')
            .join(' '),
        ),
      ).toContain('Type a name, not only spaces');
      await look(drawer, 'accounts-full-name-refused');
      expect(await row.locator('td').first().textContent()).toContain('Dana Whitfield');
      // Typing again clears the refusal.
      await field.fill('Dana Whitfield-Ortiz ');
      await panel.getByText('Type a name, not only spaces').waitFor({ state: 'detached' });
      await look(drawer, 'accounts-full-name-typed');

      await save.click();
      await page
        .getByRole('status')
        .filter({ hasText: 'Dana Whitfield-Ortiz' })
        .filter({ hasText: 'Saved' })
        .first()
        .waitFor();
      // The trimmed name, in the field, the heading and the list.
      expect(await field.inputValue()).toBe('Dana Whitfield-Ortiz');
      await page.getByRole('dialog', { name: 'Dana Whitfield-Ortiz' }).waitFor();
      await row.getByText('Dana Whitfield-Ortiz', { exact: true }).waitFor({ state: 'attached' });
      expect(await row.getByRole('button', { name: 'Manage Dana Whitfield-Ortiz' }).count()).toBe(1);
      expect(await save.isDisabled()).toBe(true);

      // The account's history: who, from what, to what.
      const named = panel.getByTestId('account-changes').locator('tbody tr').filter({ hasText: 'Name' });
      await named.first().waitFor();
      expect((await named.first().locator('td').allTextContents()).slice(1)).toEqual([
        'Chris Howard',
        'Name',
        'Dana Whitfield',
        'Dana Whitfield-Ortiz',
      ]);
      await look(drawer, 'accounts-full-name-saved');
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await b.close();
    }
  });

  it('of two admins renaming at once, the panel shows the name saved last, and the history both', async () => {
    const b = await openBrowser();
    try {
      const { page } = b;
      await signIn(page, server.url, 'admin', PASSWORD);
      await page.getByRole('link', { name: 'Accounts' }).click();
      const row = page.locator('[data-username="billing-specialist"]');
      await row.getByRole('button', { name: /^Manage / }).click();
      const panel = page.getByTestId('person-panel');
      const field = panel.getByRole('textbox', { name: 'Full name' });
      const shown = await field.inputValue();
      await field.fill('Billing Name From Admin One');

      // Meanwhile the other admin renames her from their own screen.
      const other = await apiSession(server.url, 'admin-two', PASSWORD);
      const { body } = await other<{ users: Array<{ id: string; username: string }> }>('GET', '/users');
      const id = body.users.find((u) => u.username === 'billing-specialist')!.id;
      expect(
        (await other('PATCH', `/users/${id}`, { displayName: 'Billing Name From Admin Two' })).status,
      ).toBe(200);

      // This admin's save comes last and stands; the panel shows it as read back from the server.
      await panel.getByRole('button', { name: 'Save name' }).click();
      await page.getByRole('dialog', { name: 'Billing Name From Admin One' }).waitFor();
      expect(await field.inputValue()).toBe('Billing Name From Admin One');
      const names = panel.getByTestId('account-changes').locator('tbody tr').filter({ hasText: 'Name' });
      await names.nth(1).waitFor();
      // Newest first: this admin's change starts from the other admin's name, not the one first shown.
      expect((await names.nth(0).locator('td').allTextContents()).slice(2)).toEqual([
        'Name',
        'Billing Name From Admin Two',
        'Billing Name From Admin One',
      ]);
      expect((await names.nth(1).locator('td').allTextContents()).slice(1)).toEqual([
        'Rosa Second-Admin',
        'Name',
        shown,
        'Billing Name From Admin Two',
      ]);
    } finally {
      await b.close();
    }
  });
});
