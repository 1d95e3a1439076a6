import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, screenshot, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * The Roles page says what its reader may do there: staff read and print job descriptions, leads
 * also edit and sign them off, and only they are counted the sign-offs still to do.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('the Roles page in its reader’s words', () => {
  it('tells staff they can read or print, and leads they can also edit and sign off', async () => {
    const b = await openBrowser({ width: 1366, height: 900 });
    try {
      const { page } = b;
      await signIn(page, server.url, 'medical-assistant', PASSWORD);
      await page.goto(`${server.url}/roles`);
      const roles = page.getByTestId('roles-page');
      await page.getByTestId('role-table').waitFor();
      const staff = (await roles.textContent()) ?? '';
      expect(staff).toContain('Open a role to read or print its job description.');
      expect(staff).not.toMatch(/edit|sign off|need sign-off/);
      await screenshot(page, 'roles-staff');
    } finally {
      await b.close();
    }
    const l = await openBrowser({ width: 1366, height: 900 });
    try {
      const { page } = l;
      await signIn(page, server.url, 'lead', PASSWORD);
      await page.goto(`${server.url}/roles`);
      await page.getByTestId('role-table').waitFor();
      const lead = (await page.getByTestId('roles-page').textContent()) ?? '';
      expect(lead).toContain('Open a role to read, edit, print or sign off its job description.');
      expect(lead).toMatch(/\d+ of \d+ need sign-off/);
    } finally {
      await l.close();
    }
  });
});
