import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe.ts';
import { openBrowser, screenshot, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * A scheduler changes their own password at the desk after signing in on a shared tablet: the
 * tablet is signed out, the desk stays signed in, and the new password is the one that works.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

const WIDE = { width: 1366, height: 900 };
const NEW_PASSWORD = 'blue heron over the quiet marsh';

describe('your account', () => {
  it('changes the password with the current one, signs out the other browser, and ends a session by hand', async () => {
    const desk = await openBrowser(WIDE);
    const tablet = await openBrowser(WIDE);
    try {
      await signIn(tablet.page, server.url, 'scheduler', PASSWORD);
      await signIn(desk.page, server.url, 'scheduler', PASSWORD);

      // The name in the header opens the account page.
      await desk.page.getByTestId('header-account').click();
      const page = desk.page.getByTestId('own-account-page');
      await page.waitFor();
      const rows = desk.page.getByTestId('own-session');
      await expect.poll(() => rows.count()).toBe(2);
      expect(await desk.page.locator('[data-testid="own-session"][data-current]').count()).toBe(1);
      expect(await seriousViolations(desk.page)).toEqual([]);

      const form = desk.page.getByTestId('change-password');
      const current = form.getByTestId('current-password');
      const next = form.getByTestId('new-password');
      const repeat = form.getByTestId('repeat-password');
      // A wrong current password is said on its field; nothing changes.
      await current.fill('not my password at all');
      await next.fill(NEW_PASSWORD);
      await repeat.fill(NEW_PASSWORD);
      await form.getByTestId('change-password-submit').click();
      await form.getByText('That is not your current password').waitFor();
      // A typo in the repeat is caught before anything is sent.
      await current.fill(PASSWORD);
      await repeat.fill(`${NEW_PASSWORD}.`);
      await form.getByTestId('change-password-submit').click();
      await form.getByText('This is not the same as the new password').waitFor();
      // A weak one is refused with why.
      await next.fill('password1234');
      await repeat.fill('password1234');
      await form.getByTestId('change-password-submit').click();
      await form.getByText(/This password is too weak/).waitFor();
      await screenshot(desk.page, 'own-account-weak-password');

      await next.fill(NEW_PASSWORD);
      await repeat.fill(NEW_PASSWORD);
      await form.getByTestId('change-password-submit').click();
      await desk.page.getByText('Password changed').waitFor();
      await desk.page.getByText(/1 other session signed out/).waitFor();
      expect(await current.inputValue()).toBe('');

      // The desk is still signed in (its new session) and now the only one.
      await expect.poll(() => rows.count()).toBe(1);
      await desk.page.reload();
      await page.waitFor();
      await expect.poll(() => rows.count()).toBe(1);
      expect(await desk.page.getByRole('button', { name: 'Sign out', exact: true }).count()).toBe(1);
      await screenshot(desk.page, 'own-account');

      // The tablet was signed out; the old password no longer works there, the new one does.
      await tablet.page.reload();
      await tablet.page.getByRole('button', { name: 'Sign in' }).waitFor();
      await tablet.page.getByRole('textbox', { name: /^Username/ }).fill('scheduler');
      await tablet.page.locator('input[name="password"]').fill(PASSWORD);
      await tablet.page.getByRole('button', { name: 'Sign in' }).click();
      await tablet.page.getByText(/Wrong username or password/).waitFor();
      await signIn(tablet.page, server.url, 'scheduler', NEW_PASSWORD);

      // Left signed in on the tablet: signed out from the desk.
      await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(1);
      await desk.page.reload();
      await expect.poll(() => rows.count()).toBe(2);
      await desk.page.getByTestId('own-session-end').click();
      await desk.page.getByText('That browser is signed out.').waitFor();
      await expect.poll(() => rows.count()).toBe(1);
      await tablet.page.reload();
      await tablet.page.getByRole('button', { name: 'Sign in' }).waitFor();
    } finally {
      await tablet.close();
      await desk.close();
    }
  });
});
