import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe.ts';
import { openBrowser, screenshot, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

/** The password step alone, on a fresh browser: the page it leads to (here, setting up two-factor). */
async function passwordStep(page: Page, username: string) {
  await page.goto(server.url);
  await page.getByRole('textbox', { name: /^Username/ }).fill(username);
  await page.locator('input[name="password"]').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const enroll = page.getByTestId('totp-enroll');
  await enroll.waitFor();
  return enroll;
}

describe('an admin resets a person’s two-factor sign-in', () => {
  it('the row says it waits for setup, by whom and when; Reset is off until then; the person is told why', async () => {
    const admin = await openBrowser();
    const person = await openBrowser();
    const firstTimer = await openBrowser();
    try {
      // The auditor sets up an authenticator at their first sign-in.
      await signIn(person.page, server.url, 'auditor', PASSWORD, { onPage: true });
      await signIn(admin.page, server.url, 'admin', PASSWORD, { onPage: true });
      await admin.page.getByRole('link', { name: 'Accounts' }).click();
      const row = admin.page.locator('[data-username="auditor"]');
      await expect(row.locator('td').nth(4).textContent()).resolves.toBe('Set up');
      await row.getByRole('button', { name: /Manage/ }).click();
      const panel = admin.page.getByTestId('person-panel');
      const resetButton = panel.getByRole('button', { name: 'Reset two-factor' });
      expect(await resetButton.isDisabled()).toBe(false);
      await resetButton.click();
      const confirm = admin.page.getByTestId('confirm-reset-two-factor');
      await confirm.getByRole('button', { name: 'Reset two-factor' }).click();
      await confirm.getByRole('dialog').waitFor({ state: 'hidden' });

      // What the reset did, in the panel and in the row: waiting for setup, reset by whom and when.
      const state = panel.getByTestId('two-factor-state');
      await state.filter({ hasText: 'waiting for setup' }).waitFor();
      expect(await state.textContent()).toMatch(
        /^Two-factor: waiting for setup \(reset by Chris Howard .+\)$/,
      );
      // When, on the clinic's clock, as the admin's screen says it.
      const resetTime = (await state.textContent())?.match(/\d{1,2}:\d{2} [AP]M/)?.[0];
      expect(resetTime).toBeTruthy();
      expect(await resetButton.isDisabled()).toBe(true);
      expect(await resetButton.getAttribute('aria-describedby')).toBe('two-factor-state');
      await screenshot(admin.page, 'accounts-two-factor-reset');
      expect(await seriousViolations(admin.page)).toEqual([]);
      await admin.page.keyboard.press('Escape');
      await expect(row.locator('td').nth(4).textContent()).resolves.toMatch(
        /^Waiting for setupReset by Chris Howard, .+$/,
      );

      // The person, signing in again, is told why they set it up again.
      const again = await passwordStep(person.page, 'auditor');
      const why = again.getByTestId('totp-enroll-reason');
      expect(await why.textContent()).toMatch(
        /^An admin reset your two-factor sign-in on [A-Z][a-z]{2}, [A-Z][a-z]{2} \d{1,2}, \d{1,2}:\d{2} [AP]M\. Set it up again to continue\.$/,
      );
      // The same time the admin read, on the clinic's clock (not the computer's, nor UTC).
      expect(await why.textContent()).toContain(`, ${resetTime}. Set it up again`);
      await screenshot(person.page, 'two-factor-set-up-again');
      expect(await seriousViolations(person.page)).toEqual([]);

      // Someone setting it up for the first time reads the first-time words.
      const first = await passwordStep(firstTimer.page, 'lead');
      expect(await first.getByTestId('totp-enroll-reason').count()).toBe(0);
      expect(await first.textContent()).toContain('This takes a minute, once.');
    } finally {
      await firstTimer.close();
      await person.close();
      await admin.close();
    }
  });
});
