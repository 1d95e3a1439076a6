import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MailSink, startMailSink } from '../../server/test/support/mail-sink.ts';
import { seriousViolations } from './support/axe.ts';
import { openBrowser, screenshot, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

// A real SMTP server on loopback takes the invitation; the person opens the link from the email.
let server: TestServer;
let sink: MailSink;
beforeAll(async () => {
  sink = await startMailSink();
  const before = process.env.PORTALFLOW_SMTP_URL;
  process.env.PORTALFLOW_SMTP_URL = sink.url;
  try {
    server = await startTestServer();
  } finally {
    if (before === undefined) delete process.env.PORTALFLOW_SMTP_URL;
    else process.env.PORTALFLOW_SMTP_URL = before;
  }
});
afterAll(async () => {
  await server?.stop();
  await sink?.close();
});

const DANA_PASSWORD = 'sunflower ledger at noon';

/** The emailed link, opened on this test's server (the email names the clinic's configured address). */
function linkOn(text: string): string {
  const link = /https?:\/\/\S+\/set-password#\S+/.exec(text)?.[0];
  if (!link) throw new Error(`no set-password link in: ${text}`);
  const url = new URL(link);
  return `${server.url}${url.pathname}${url.hash}`;
}

describe('inviting a person by email', () => {
  it('the admin adds a person with a work email; the invitation goes out; they set their password from the link and sign in', async () => {
    const admin = await openBrowser();
    const person = await openBrowser();
    try {
      await signIn(admin.page, server.url, 'admin', PASSWORD);
      await admin.page.getByRole('link', { name: 'Accounts' }).click();
      await admin.page.getByTestId('people-table').waitFor();
      await admin.page.getByRole('button', { name: 'Add person' }).click();
      const dialog = admin.page.getByRole('dialog');
      await dialog.getByRole('textbox', { name: /^Username/ }).fill('dana');
      await dialog.getByRole('textbox', { name: /^Full name/ }).fill('Dana Ortiz');
      await dialog.getByRole('textbox', { name: /^Work email/ }).fill('dana.ortiz@clinic.org');
      await dialog.getByLabel(/^Roles/).click();
      await admin.page
        .getByRole('option', { name: /Front desk/i })
        .first()
        .click();
      await admin.page.keyboard.press('Tab');
      // With a mail server, emailing the invitation is what the form offers first.
      expect(await dialog.getByRole('radio', { name: /Email them an invitation/ }).isChecked()).toBe(true);
      await screenshot(admin.page, 'invite-add-person');
      expect(await seriousViolations(admin.page)).toEqual([]);
      await dialog.getByRole('button', { name: 'Add person' }).click();
      const result = admin.page.getByTestId('invitation-result');
      await expect(result.textContent()).resolves.toMatch(
        /Invitation sent to d…@clinic\.org at \d{1,2}:\d{2}/,
      );
      // The code went to Dana only: the admin's screen does not show it.
      expect(await admin.page.getByTestId('one-time-code').count()).toBe(0);
      await screenshot(admin.page, 'invite-sent');
      expect(await seriousViolations(admin.page)).toEqual([]);
      await admin.page.getByRole('button', { name: 'Done' }).click();

      const [mail] = await sink.waitFor(1);
      expect(mail!.to).toEqual(['dana.ortiz@clinic.org']);
      await person.page.goto(linkOn(mail!.parsed.text ?? ''));
      // The link fills in the username and the code, and leaves neither in the address bar.
      await person.page.getByRole('heading', { name: 'Choose your password' }).waitFor();
      expect(await person.page.getByRole('textbox', { name: /^Username/ }).inputValue()).toBe('dana');
      expect(await person.page.getByRole('textbox', { name: /^One-time code/ }).inputValue()).toMatch(
        /^[0-9A-Z-]{24}$/,
      );
      expect(new URL(person.page.url()).hash).toBe('');
      await person.page.locator('input[autocomplete="new-password"]').nth(0).fill(DANA_PASSWORD);
      await person.page.locator('input[autocomplete="new-password"]').nth(1).fill(DANA_PASSWORD);
      await screenshot(person.page, 'invite-choose-password');
      await person.page.getByRole('button', { name: 'Set password' }).click();
      await person.page.getByRole('status').filter({ hasText: 'Password set' }).waitFor();
      await signIn(person.page, server.url, 'dana', DANA_PASSWORD);
      expect(await person.page.evaluate(async () => (await fetch('/api/me')).status)).toBe(200);
      // Her email preferences show the address the admin gave.
      const prefs = await person.page.evaluate(async () => (await fetch('/api/email-preferences')).json());
      expect(prefs.preferences.address).toBe('dana.ortiz@clinic.org');

      // The admin's view of her account: the address, which she can change, and no invitation waiting.
      await admin.page.reload();
      await admin.page
        .locator('[data-username="dana"]')
        .getByRole('button', { name: /Manage/ })
        .click();
      const email = admin.page.getByTestId('work-email');
      expect(await email.getByRole('textbox', { name: /^Work email/ }).inputValue()).toBe(
        'dana.ortiz@clinic.org',
      );
      expect(await email.getByTestId('invitation-state').count()).toBe(0);
      await screenshot(admin.page, 'invite-person-email');
      expect(await seriousViolations(admin.page)).toEqual([]);
    } finally {
      await admin.close();
      await person.close();
    }
  });

  it('forgot password: the sign-in page answers the same for anyone, and the emailed link sets a new password', async () => {
    const person = await openBrowser();
    try {
      const before = sink.mails.length;
      await person.page.goto(server.url);
      await person.page.getByRole('button', { name: 'Forgot your password?' }).click();
      await person.page
        .getByRole('textbox', { name: /^Username or work email/ })
        .fill('dana.ortiz@clinic.org');
      await person.page.getByRole('button', { name: 'Email me a link' }).click();
      const answer = await person.page.getByTestId('forgot-password-answer').textContent();
      expect(answer).toContain('a link to choose a new password is on its way');
      await screenshot(person.page, 'invite-forgot-password');
      expect(await seriousViolations(person.page)).toEqual([]);
      const mail = (await sink.waitFor(before + 1))[before]!;
      expect(mail.parsed.subject).toContain('Choose a new password');

      // Nobody by that name: the same words.
      await person.page.getByRole('button', { name: 'Back to sign-in' }).click();
      await person.page.getByRole('button', { name: 'Forgot your password?' }).click();
      await person.page.getByRole('textbox', { name: /^Username or work email/ }).fill('nobody-at-all');
      await person.page.getByRole('button', { name: 'Email me a link' }).click();
      expect(await person.page.getByTestId('forgot-password-answer').textContent()).toBe(answer);

      await person.page.goto(linkOn(mail.parsed.text ?? ''));
      await person.page.getByRole('heading', { name: 'Choose your password' }).waitFor();
      await person.page.locator('input[autocomplete="new-password"]').nth(0).fill(`${DANA_PASSWORD} again`);
      await person.page.locator('input[autocomplete="new-password"]').nth(1).fill(`${DANA_PASSWORD} again`);
      await person.page.getByRole('button', { name: 'Set password' }).click();
      await person.page.getByRole('status').filter({ hasText: 'Password set' }).waitFor();
      await signIn(person.page, server.url, 'dana', `${DANA_PASSWORD} again`);
      expect(await person.page.evaluate(async () => (await fetch('/api/me')).status)).toBe(200);
    } finally {
      await person.close();
    }
  });
});
