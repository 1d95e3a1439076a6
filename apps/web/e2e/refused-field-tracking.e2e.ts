import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * The tracking sheet's entry form, refused by the server: its words go under the field they are about
 * (more escalated to IT than contacts counted: under "Escalated to IT"), that field takes the focus,
 * nothing is saved, and the words go once the field is corrected. A refusal about no field shown stays
 * above the buttons.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('a tracking entry the server refuses', () => {
  it('says why under the field, focuses it, and saves nothing until it is corrected', async () => {
    const specialist = await apiSession(server.url, 'portal-enrollment-specialist', PASSWORD);
    type Entries = { entries: Array<{ kind: string }> };
    const supportEntries = async () =>
      (
        await specialist<Entries>('GET', '/tracking/entries?from=2020-01-01&to=2030-12-31&kind=support')
      ).body.entries.filter((e) => e.kind === 'support').length;
    const before = await supportEntries();
    const b = await openBrowser({ width: 1366, height: 900 });
    try {
      const { page } = b;
      await signIn(page, server.url, 'portal-enrollment-specialist', PASSWORD);
      await page.getByRole('link', { name: 'Tracking' }).click();
      await page.getByTestId('tracking-entries').waitFor();
      await page.getByTestId('entry-add').click();
      const form = page.getByTestId('entry-form');
      await form.waitFor();
      await page.getByTestId('entry-kind').click();
      await page.getByRole('option', { name: 'Support contacts' }).click();
      await page.getByTestId('entry-field-contactType').click();
      await page.getByRole('option', { name: /lockout/i }).click();
      await page.getByTestId('entry-field-count').fill('1');
      await page.getByTestId('entry-field-escalatedToIt').fill('3');
      const answered = page.waitForResponse(
        (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/tracking/entries',
      );
      await page.getByTestId('entry-save').click();
      expect((await answered).status()).toBe(400);

      const escalated = page.getByTestId('entry-field-escalatedToIt');
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
        .toBe('entry-field-escalatedToIt');
      expect(await escalated.getAttribute('aria-invalid')).toBe('true');
      const describedBy = (await escalated.getAttribute('aria-describedby')) ?? '';
      const said = await page.evaluate(
        (ids) => ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' '),
        describedBy.split(/\s+/).filter(Boolean),
      );
      expect(said).toContain('Cannot be more than the contacts');
      // Not said a second time above the buttons, and the other fields are not marked.
      expect(await page.getByTestId('entry-refused').count()).toBe(0);
      expect(await page.getByTestId('entry-field-count').getAttribute('aria-invalid')).not.toBe('true');
      expect(await supportEntries()).toBe(before);

      // Corrected: the words go, and the entry is saved.
      await escalated.fill('1');
      expect(await escalated.getAttribute('aria-invalid')).not.toBe('true');
      await page.getByTestId('entry-save').click();
      await form.waitFor({ state: 'detached' });
      expect(await supportEntries()).toBe(before + 1);
    } finally {
      await b.close();
    }
  });
});
