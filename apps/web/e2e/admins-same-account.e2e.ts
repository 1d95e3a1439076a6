import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * Two admins, two computers, the same person's account (or the same group mapping) open at once: the
 * one who saves second is told someone changed it first, and the first admin's change stays. (Roles
 * saved before the second admin picks reach their screen live and are picked from: no refusal then.)
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

async function pickRole(page: import('playwright-core').Page, role: RegExp) {
  const panel = page.getByTestId('person-panel');
  await panel.getByLabel(/^Roles/).click();
  await page.getByRole('option', { name: role }).first().click();
  await page.keyboard.press('Escape');
}

describe('two admins at once', () => {
  it('the second to save roles is told, and the first admin’s roles are kept', async () => {
    const one = await openBrowser();
    const two = await openBrowser();
    try {
      for (const b of [one, two]) {
        await signIn(b.page, server.url, 'admin', PASSWORD);
        await b.page.goto(`${server.url}/accounts`);
        await b.page
          .locator('[data-username="medical-assistant"]')
          .getByRole('button', { name: /Manage/ })
          .click();
        await b.page.getByTestId('person-panel').waitFor();
      }
      // Both pick at once; the first saves. The second's screen hears of it, but keeps what they had
      // picked from the roles as they were.
      await pickRole(two.page, /Scheduling coordinator/);
      await pickRole(one.page, /Front desk/);
      await one.page.getByRole('button', { name: 'Save roles' }).click();
      await one.page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
      await two.page
        .getByTestId('person-panel')
        .getByTestId('account-changes')
        .getByText('Front desk receptionist')
        .first()
        .waitFor();

      await two.page.getByRole('button', { name: 'Save roles' }).click();
      const refused = two.page.getByRole('alert').filter({ hasText: 'Not changed' });
      await refused.waitFor();
      expect(await refused.textContent()).toMatch(/changed Keisha Brown's roles since you opened/);
      const roles = await two.page.evaluate(async () => {
        const { users } = await (await fetch('/api/users')).json();
        return users.find((u: { username: string }) => u.username === 'medical-assistant').roles.sort();
      });
      expect(roles).toEqual(['front-desk', 'medical-assistant']);
    } finally {
      await one.close();
      await two.close();
    }
  });

  it('the second to save the single sign-on group mapping is told, and the first mapping is kept', async () => {
    const one = await openBrowser();
    const two = await openBrowser();
    try {
      for (const b of [one, two]) {
        await signIn(b.page, server.url, 'admin', PASSWORD);
        await b.page.goto(`${server.url}/accounts`);
        await b.page.getByRole('tab', { name: 'Single sign-on' }).click();
        await b.page.getByTestId('sso-groups').waitFor();
      }
      for (const [b, group] of [
        [one, 'Front office'],
        [two, 'Billing office'],
      ] as const) {
        await b.page.getByRole('button', { name: 'Add a group' }).click();
        await b.page.getByRole('textbox', { name: 'Group 1' }).fill(group);
        await b.page.getByLabel('Roles for group 1').first().click();
        await b.page
          .getByRole('option', { name: /Front desk/ })
          .first()
          .click();
        await b.page.keyboard.press('Escape');
      }
      await one.page.getByRole('button', { name: 'Save mapping' }).click();
      await one.page.getByTestId('sso-change').first().waitFor();
      await two.page.getByRole('button', { name: 'Save mapping' }).click();
      const refused = two.page.getByRole('alert').filter({ hasText: 'Not saved' });
      await refused.waitFor();
      expect(await refused.textContent()).toContain('changed the group mapping since you opened it');
      const mapping = await two.page.evaluate(
        async () => (await (await fetch('/api/sso/groups')).json()).mapping,
      );
      expect(mapping.map((m: { group: string }) => m.group)).toEqual(['Front office']);
    } finally {
      await one.close();
      await two.close();
    }
  });
});
