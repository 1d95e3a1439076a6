import type { Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';
import { keeper } from './support/two-factor.ts';

/**
 * What a lead's browser asks for between pressing Sign in and the first screen: the password first,
 * the first screen's code while the session is read back (not after the clinic's configuration and role titles), no code
 * for a screen they do not land on, and the role titles in one request.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  // Enrols the lead's authenticator and remembers this "browser", so the sign-in below is the password.
  await apiSession(server.url, 'lead', PASSWORD);
});
afterAll(async () => {
  await server?.stop();
});

const chunk = (r: Request, name: string) => new RegExp(`/assets/${name}-[\\w-]+\\.js$`).test(r.url());
const api = (r: Request, path: RegExp) => path.test(new URL(r.url()).pathname);

describe('a lead signing in', () => {
  it('fetches Workflows alongside the session, never My work, and the role titles in one request', async () => {
    const b = await openBrowser({ width: 1366, height: 900 });
    try {
      const { page } = b;
      const asked: Request[] = [];
      page.on('request', (r) => asked.push(r));
      await signIn(page, server.url, 'lead', PASSWORD, { onPage: true });
      await page.getByTestId('workflows-table').waitFor();
      const firstIndex = (test: (r: Request) => boolean) => asked.findIndex(test);

      const workflows = firstIndex((r) => chunk(r, 'WorkflowsPage'));
      const config = firstIndex((r) => api(r, /^\/api\/config$/));
      expect(workflows, 'the Workflows screen was fetched').toBeGreaterThanOrEqual(0);
      expect(config, 'the clinic configuration was asked for').toBeGreaterThanOrEqual(0);
      expect(workflows, 'Workflows is fetched before the signed-in app asks for anything').toBeLessThan(
        config,
      );

      expect(asked.filter((r) => chunk(r, 'MyWorkPage')).map((r) => r.url())).toEqual([]);
      expect(
        asked
          .filter((r) => api(r, /^\/api\/definitions\/[^/]+\/versions\//))
          .map((r) => new URL(r.url()).pathname),
      ).toEqual([]);
      expect(asked.filter((r) => api(r, /^\/api\/roles$/))).toHaveLength(1);
    } finally {
      await b.close();
    }
  });

  it('sends the password before fetching the code behind sign-in', async () => {
    const b = await openBrowser({ width: 1366, height: 900 });
    try {
      const { page } = b;
      // The browser the lead's authenticator remembers: the password is the whole sign-in.
      const [name, value] = keeper(server.url, 'lead').device!.split(/=(.*)/s) as [string, string];
      await page.context().addCookies([{ name, value, url: server.url, httpOnly: true, sameSite: 'Strict' }]);
      await page.goto(server.url);
      await page.getByRole('textbox', { name: /^Username/ }).fill('lead');
      await page.locator('input[name="password"]').fill(PASSWORD);
      await page.waitForLoadState('networkidle');
      const asked: Request[] = [];
      page.on('request', (r) => asked.push(r));
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByTestId('workflows-table').waitFor();
      expect(asked.length).toBeGreaterThan(1);
      expect(`${asked[0]!.method()} ${new URL(asked[0]!.url()).pathname}`).toBe('POST /api/auth/login');
    } finally {
      await b.close();
    }
  });
});
