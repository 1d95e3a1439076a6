import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe.ts';
import { openBrowser, signIn } from './support/browser.ts';
import { describedAs, isFocused } from './support/field-words.ts';
import { look } from './support/look.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * Settings forms the server refuses though the browser let them through: the server's words are the
 * refused field's own description (said under it, marked invalid, with the focus), no banner repeats
 * them above the form, and nothing is made.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

async function saidUnder(page: Page, input: Locator, words: string, form: Locator | Page = page) {
  await expect.poll(() => input.getAttribute('aria-invalid')).toBe('true');
  expect(await describedAs(input)).toContain(words);
  await expect.poll(() => isFocused(input)).toBe(true);
  expect(await form.getByRole('alert').count()).toBe(0);
  expect(await seriousViolations(page)).toEqual([]);
}

describe('a refused settings field, said under it', () => {
  it('webhooks: a receiver address that is not a web address', async () => {
    const b = await openBrowser({ width: 1366, height: 900 });
    try {
      const { page } = b;
      await signIn(page, server.url, 'admin', PASSWORD);
      await page.getByRole('link', { name: 'Webhooks' }).click();
      await page.getByTestId('webhooks-page').waitFor();
      const url = page.getByTestId('webhook-url');
      // A URL to the browser, but not one a webhook can be sent to.
      await url.fill('ftp://ehr.example/hooks');
      await page.getByTestId('webhook-create').click();
      await saidUnder(page, url, 'Must be a web address, like https://clinic.org');
      await look(page.getByRole('form', { name: 'New webhook subscription' }), 'refused-field-webhook');
      expect(await server.server.store.listWebhookSubscriptions()).toEqual([]);

      await url.fill('https://ehr.example/hooks');
      expect(await url.getAttribute('aria-invalid')).not.toBe('true');
    } finally {
      await b.close();
    }
  }, 60_000);

  it('API tokens: a name of spaces only, and a lifetime past the limit', async () => {
    const b = await openBrowser({ width: 1366, height: 900 });
    try {
      const { page } = b;
      await signIn(page, server.url, 'front-desk', PASSWORD);
      await page.getByRole('link', { name: 'API tokens' }).click();
      await page.getByTestId('tokens-page').waitFor();
      const desk = await server.server.store.findUserByUsername('front-desk');
      const made = async () => (await server.server.store.listApiTokens(desk!.id)).length;
      const before = await made();

      const name = page.getByTestId('token-name');
      await name.fill('   ');
      await page.getByTestId('token-create').click();
      await saidUnder(page, name, 'Must not be empty');
      expect(await made()).toBe(before);

      await name.fill('nightly export');
      const days = page.getByTestId('token-days');
      await days.fill('100000');
      await page.getByTestId('token-create').click();
      await saidUnder(page, days, 'An API token may last at most 90 days');
      expect(await name.getAttribute('aria-invalid')).not.toBe('true');
      expect(await made()).toBe(before);
    } finally {
      await b.close();
    }
  }, 60_000);

  it('help: a question longer than the server keeps', async () => {
    const b = await openBrowser({ width: 1366, height: 900 });
    try {
      const { page } = b;
      await signIn(page, server.url, 'portal-enrollment-specialist', PASSWORD);
      await page.goto(`${server.url}/faq`);
      await page.getByTestId('help-manage-tab').click();
      await page.getByTestId('help-manage-table').waitFor();
      const rows = async () => page.locator('[data-testid^="help-row-"]').count();
      const before = await rows();
      await page.getByTestId('help-new-entry').click();
      const editor = page.getByRole('dialog', { name: 'New help entry' });
      const title = editor.getByTestId('help-title-input');
      await title.fill(`Can I ${'really '.repeat(40)}use the portal on my phone?`);
      await editor.getByTestId('help-category-input').fill('Getting started');
      await editor.getByTestId('help-body-input').fill('Yes, in the app or the phone browser.');
      await editor.getByTestId('help-save').click();
      await saidUnder(page, title, 'At most 200 characters (you sent 313)', editor);
      await look(editor, 'refused-field-help');
      expect(await rows()).toBe(before);
    } finally {
      await b.close();
    }
  }, 60_000);

  it('own account: a new password longer than the server takes', async () => {
    const b = await openBrowser({ width: 1366, height: 900 });
    try {
      const { page } = b;
      await signIn(page, server.url, 'billing-specialist', PASSWORD);
      await page.getByTestId('header-account').click();
      const form = page.getByTestId('change-password');
      await form.waitFor();
      const user = await server.server.store.findUserByUsername('billing-specialist');
      const next = form.getByLabel('New password', { exact: true });
      const long = 'a long walk by the river at dawn '.repeat(40);
      await form.getByTestId('current-password').fill(PASSWORD);
      await next.fill(long);
      await form.getByTestId('repeat-password').fill(long);
      await form.getByTestId('change-password-submit').click();
      await saidUnder(page, next, 'At most 1,000 characters (you sent 1,320)');
      // The password is the one it was.
      expect((await server.server.store.findUserByUsername('billing-specialist'))?.passwordHash).toBe(
        user?.passwordHash,
      );
    } finally {
      await b.close();
    }
  }, 60_000);

  it('sign-on: a provider group name longer than the server keeps', async () => {
    const b = await openBrowser({ width: 1366, height: 900 });
    try {
      const { page } = b;
      await signIn(page, server.url, 'admin', PASSWORD);
      await page.goto(`${server.url}/accounts`);
      await page.getByRole('tab', { name: 'Single sign-on', exact: true }).click();
      const mapping = page.getByTestId('sso-groups');
      await mapping.waitFor();
      const saved = () =>
        page.evaluate(async () =>
          JSON.stringify(((await (await fetch('/api/sso/groups')).json()) as { mapping: unknown }).mapping),
        );
      const before = await saved();
      await mapping.getByRole('button', { name: 'Add a group' }).click();
      const group = mapping.getByRole('textbox', { name: /^Group \d+$/ }).last();
      await group.fill('clinic-staff-'.repeat(25));
      await mapping.getByRole('button', { name: 'Save mapping' }).click();
      await saidUnder(page, group, 'At most 256 characters (you sent 325)', mapping);
      expect(await saved()).toBe(before);
    } finally {
      await b.close();
    }
  }, 60_000);

  it('test email: an address the browser took but the server does not', async () => {
    const b = await openBrowser({ width: 1366, height: 900 });
    try {
      const { page } = b;
      await signIn(page, server.url, 'admin', PASSWORD);
      await page.getByRole('link', { name: 'Webhooks' }).click();
      const form = page.getByRole('form', { name: 'Test email' });
      await form.waitFor();
      const to = form.getByTestId('test-email-to');
      // An address to the browser's email box, not to the server.
      await to.fill('frontdesk@clinic');
      await form.getByTestId('test-email-send').click();
      await saidUnder(page, to, 'Must be an email address, like name@clinic.org', form);
      await to.fill('');
      expect(await to.getAttribute('aria-invalid')).not.toBe('true');
      // A refusal about the server, not the address (no mail server set up here), stays above.
      await form.getByTestId('test-email-send').click();
      await form.getByRole('alert').filter({ hasText: 'Not sent' }).waitFor();
      expect(await to.getAttribute('aria-invalid')).not.toBe('true');
    } finally {
      await b.close();
    }
  }, 60_000);

  it('a job description: skills longer than the server keeps', async () => {
    const b = await openBrowser({ width: 1366, height: 900 });
    try {
      const { page } = b;
      await signIn(page, server.url, 'lead', PASSWORD);
      await page.goto(`${server.url}/roles/billing-specialist`);
      const form = page.getByTestId('job-text-form');
      await form.waitFor();
      const kept = () =>
        page.evaluate(async () =>
          JSON.stringify((await (await fetch('/api/roles/billing-specialist')).json()).text),
        );
      const before = await kept();
      const skills = form.getByTestId('job-text-skills');
      await skills.fill('Reads an explanation of benefits line by line. '.repeat(44).trim());
      await form.getByTestId('job-text-save').click();
      await saidUnder(page, skills, 'At most 2,000 characters (you sent 2,067)', form);
      expect(await kept()).toBe(before);
      await skills.fill('Reads an explanation of benefits line by line.');
      expect(await skills.getAttribute('aria-invalid')).not.toBe('true');
    } finally {
      await b.close();
    }
  }, 60_000);

  it('email notifications: quiet hours with a start and no end', async () => {
    const b = await openBrowser({ width: 1366, height: 900 });
    try {
      const { page } = b;
      await signIn(page, server.url, 'medical-assistant', PASSWORD);
      await page.getByRole('link', { name: 'Email', exact: true }).click();
      await page.getByTestId('email-preferences-page').waitFor();
      const kept = () =>
        page.evaluate(async () => JSON.stringify(await (await fetch('/api/email-preferences')).json()));
      const before = await kept();
      await page.getByTestId('quiet-start').fill('22:00');
      await page.getByTestId('email-save').click();
      const end = page.getByTestId('quiet-end');
      // (The page's note that this server sends no email stays above the form.)
      const form = page.getByRole('form', { name: 'Email notifications' });
      await saidUnder(page, end, 'Quiet hours need both a start and an end (or neither)', form);
      expect(await kept()).toBe(before);
    } finally {
      await b.close();
    }
  }, 60_000);
});
