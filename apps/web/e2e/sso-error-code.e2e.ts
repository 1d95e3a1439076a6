import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser } from './support/browser.ts';
import { startTestServer, type TestServer } from './support/server.ts';

/**
 * A single sign-on refusal on the sign-in page says what happened in words and gives its code, so the
 * person can quote it to the admin, who finds it in the server's log ("single sign-on refused (CODE)").
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('a single sign-on refusal on the sign-in page', () => {
  it('gives the words and the code, and keeps an unknown code out', async () => {
    const b = await openBrowser();
    try {
      const { page } = b;
      await page.goto(`${server.url}/?sso_error=SSO_CLIENT_REJECTED`);
      const alert = page.getByRole('alert').filter({ hasText: 'Single sign-on failed' });
      await alert.waitFor();
      const said = (await alert.textContent()) ?? '';
      expect(said).toContain('Tell your admin');
      expect(said).toContain('SSO_CLIENT_REJECTED');
      expect(page.url()).not.toContain('sso_error');

      await page.goto(`${server.url}/?sso_error=${encodeURIComponent('made up <b>words</b>')}`);
      await alert.waitFor();
      const other = (await alert.textContent()) ?? '';
      expect(other).toContain('did not work');
      expect(other).not.toContain('made up');
    } finally {
      await b.close();
    }
  });
});
