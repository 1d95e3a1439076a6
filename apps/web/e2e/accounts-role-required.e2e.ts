import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, screenshot, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

const RULE = 'An active account needs at least one role; to stop someone’s access, disable the account';

describe('an admin takes every role away from an active person', () => {
  it('hears before Save that an active account needs a role, and cannot save it', async () => {
    const b = await openBrowser({ width: 1366, height: 900 });
    try {
      await signIn(b.page, server.url, 'admin', PASSWORD);
      await b.page.getByRole('link', { name: 'Accounts' }).click();
      await b.page.getByRole('button', { name: 'Manage Amy Nguyen' }).click();
      const panel = b.page.getByTestId('person-panel');
      const roles = panel.getByLabel(/^Roles/);
      await roles.click();
      await roles.press('Backspace');
      // The list of roles closes when the admin looks elsewhere in the panel.
      await panel.getByText(/^scheduler · last signed in/).click();
      await panel.getByText(RULE).waitFor();
      expect(await panel.getByRole('button', { name: 'Save roles' }).isDisabled()).toBe(true);
      expect(await roles.getAttribute('aria-invalid')).toBe('true');
      await screenshot(b.page, 'accounts-role-required');
      // The table still says what the account holds.
      const row = b.page.locator('[data-testid="people-table"] tr[data-username="scheduler"]');
      expect(await row.textContent()).toContain('Scheduling coordinator');
    } finally {
      await b.close();
    }
  });
});
