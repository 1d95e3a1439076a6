import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MailSink, startMailSink } from '../../server/test/support/mail-sink.ts';
import { apiSession } from './support/api.ts';
import { seriousViolations } from './support/axe.ts';
import { openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * A provider calls the admin: they forgot their password. The admin emails them a reset link from their
 * account screen (never seeing the code); the provider opens it on the front desk's computer, where a
 * colleague is still signed in, and still gets the form to choose the password, told who is signed in
 * there and that setting it signs that browser out.
 */
let server: TestServer;
let sink: MailSink;
beforeAll(async () => {
  sink = await startMailSink();
  server = await startTestServer({ PORTALFLOW_SMTP_URL: sink.url });
});
afterAll(async () => {
  await server?.stop();
  await sink?.close();
});

const NEW_PASSWORD = 'copper kettle by the window';

function linkOn(text: string): string {
  const link = /https?:\/\/\S+\/set-password#\S+/.exec(text)?.[0];
  if (!link) throw new Error(`no set-password link in: ${text}`);
  const url = new URL(link);
  return `${server.url}${url.pathname}${url.hash}`;
}

describe('an admin emails a password reset link', () => {
  it('from the account screen; the link opened where someone else is signed in still shows the form', async () => {
    const admin = await openBrowser();
    const desk = await openBrowser();
    try {
      await signIn(admin.page, server.url, 'admin', PASSWORD);
      await admin.page.goto(`${server.url}/accounts`);
      await admin.page
        .locator('[data-username="provider"]')
        .getByRole('button', { name: /Manage/ })
        .click();
      const panel = admin.page.getByTestId('person-panel');
      const send = panel.getByRole('button', { name: 'Email a password reset link' });
      // No work email yet: the button says why it cannot be used.
      expect(await send.isDisabled()).toBe(true);
      expect(await panel.getByTestId('reset-link-note').textContent()).toContain('work email');
      await panel.getByRole('textbox', { name: /^Work email/ }).fill('ellen.park@clinic.org');
      await panel.getByRole('button', { name: 'Save email' }).click();
      await send.and(admin.page.locator(':enabled')).waitFor();
      const before = sink.mails.length;
      await send.click();
      const sent = admin.page.getByRole('status').filter({ hasText: 'Password reset link sent' });
      await sent.waitFor();
      expect(await sent.textContent()).toMatch(/e…@clinic\.org/);
      expect(await admin.page.getByTestId('one-time-code').count()).toBe(0);
      expect(await seriousViolations(admin.page)).toEqual([]);
      const mail = (await sink.waitFor(before + 1))[before]!;
      expect(mail.to).toEqual(['ellen.park@clinic.org']);

      // The front desk's computer, someone else signed in on it.
      await signIn(desk.page, server.url, 'front-desk', PASSWORD);
      await desk.page.goto(linkOn(mail.parsed.text ?? ''));
      await desk.page.getByRole('heading', { name: 'Choose your password' }).waitFor();
      const note = desk.page.getByTestId('signed-in-elsewhere');
      expect(await note.textContent()).toMatch(/Dana Whitfield is signed in on this browser/);
      expect(await note.textContent()).toMatch(/signs this browser out/);
      expect(await desk.page.getByRole('textbox', { name: /^Username/ }).inputValue()).toBe('provider');
      expect(await seriousViolations(desk.page)).toEqual([]);
      await desk.page.locator('input[autocomplete="new-password"]').nth(0).fill(NEW_PASSWORD);
      await desk.page.locator('input[autocomplete="new-password"]').nth(1).fill(NEW_PASSWORD);
      await desk.page.getByRole('button', { name: 'Set password' }).click();
      await desk.page.getByRole('status').filter({ hasText: 'Password set' }).waitFor();
      // Signed out: the sign-in form, for the link's person.
      expect(await desk.page.getByRole('textbox', { name: /^Username/ }).inputValue()).toBe('provider');
      expect(await desk.page.evaluate(async () => (await fetch('/api/me')).status)).toBe(401);
      await signIn(desk.page, server.url, 'provider', NEW_PASSWORD);
      const me = await desk.page.evaluate(async () => (await fetch('/api/me')).json());
      expect(me.user.username).toBe('provider');

      // The account's trail names the admin who sent it.
      await panel.getByText('Password reset emailed').first().waitFor();
      expect(await panel.textContent()).toContain('Chris Howard');
    } finally {
      await admin.close();
      await desk.close();
    }
  });

  it('a link opened by the signed-in person themselves: the form, and "Keep working" leaves it unused', async () => {
    const admin = await apiSession(server.url, 'admin', PASSWORD);
    const people = await admin<{ users: Array<{ id: string; username: string }> }>('GET', '/users');
    const billing = people.body.users.find((u) => u.username === 'billing-specialist')!;
    expect((await admin('PATCH', `/users/${billing.id}`, { email: 'jorge@clinic.org' })).status).toBe(200);
    const before = sink.mails.length;
    expect((await admin('POST', `/users/${billing.id}/password-reset-email`)).status).toBe(200);
    const mail = (await sink.waitFor(before + 1))[before]!;

    const b = await openBrowser();
    try {
      await signIn(b.page, server.url, 'billing-specialist', PASSWORD);
      await b.page.goto(linkOn(mail.parsed.text ?? ''));
      await b.page.getByRole('heading', { name: 'Choose your password' }).waitFor();
      expect(await b.page.getByTestId('signed-in-elsewhere').textContent()).toMatch(
        /You \(Jorge Ramos\) are signed in on this browser/,
      );
      // Not now: back to the app, still signed in, and the address bar keeps no code.
      await b.page.getByRole('button', { name: 'Keep working as Jorge Ramos' }).click();
      await b.page.getByRole('button', { name: 'Sign out' }).waitFor();
      expect(new URL(b.page.url()).hash).toBe('');
      expect(await b.page.evaluate(async () => (await fetch('/api/me')).status)).toBe(200);
    } finally {
      await b.close();
    }
  });
});
