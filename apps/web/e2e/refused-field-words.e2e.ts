import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe.ts';
import { openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * When the server refuses a field the form let through, the admin reads the server's words next to
 * that field (marked invalid), not a validator's sentence above the form, and nobody is added.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('a refused field, said next to it', () => {
  it('a full name longer than the server keeps is refused on the Full name field', async () => {
    const b = await openBrowser({ width: 1366, height: 900 });
    try {
      await signIn(b.page, server.url, 'admin', PASSWORD);
      await b.page.getByRole('link', { name: 'Accounts' }).click();
      await b.page.getByRole('button', { name: 'Add person' }).click();
      const dialog = b.page.getByRole('dialog');
      await dialog.getByRole('textbox', { name: /^Username/ }).fill('long-name');
      const fullName = dialog.getByRole('textbox', { name: /^Full name/ });
      await fullName.fill('Ana '.repeat(60).trim());
      await dialog.getByLabel(/^Roles/).click();
      await b.page
        .getByRole('option', { name: /Medical assistant/i })
        .first()
        .click();
      await b.page.keyboard.press('Tab');
      await dialog.getByRole('radio', { name: /one-time code/ }).check();
      await dialog.getByRole('button', { name: 'Add person' }).click();

      const said = dialog.getByText('At most 200 characters (you sent 239)', { exact: true });
      await said.waitFor();
      expect(await fullName.getAttribute('aria-invalid')).toBe('true');
      // The words are the field's own description for screen readers, not a banner elsewhere.
      const describedBy = (await fullName.getAttribute('aria-describedby')) ?? '';
      const errorId = await said.getAttribute('id');
      expect(errorId && describedBy.split(' ')).toContain(errorId);
      expect(await dialog.getByRole('alert').count()).toBe(0);
      expect(await dialog.textContent()).not.toMatch(/expected|received|Too big|Invalid input|displayName/);
      expect(await seriousViolations(b.page)).toEqual([]);

      // Nobody was added.
      const found = await b.page.evaluate(async () => (await (await fetch('/api/users')).json()) as unknown);
      expect(JSON.stringify(found)).not.toContain('long-name');

      // Shortened, it goes through.
      await fullName.fill('Ana Long');
      await dialog.getByRole('button', { name: 'Add person' }).click();
      await b.page.getByTestId('one-time-code').waitFor();
    } finally {
      await b.close();
    }
  }, 60_000);
});
