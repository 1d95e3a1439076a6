import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * What the audit screens say when a filter cannot be used (an address edited by hand, a link cut short):
 * the server's code beside its words, and no count of entries or endless "Loading…" next to it that
 * would read as an answer.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('audit errors', () => {
  it('shows the code with the words, and no count of entries, when the access log refuses a filter', async () => {
    const { page, close } = await openBrowser({ width: 1366, height: 900 });
    try {
      await signIn(page, server.url, 'auditor', PASSWORD);
      await page.goto(`${server.url}/audit/access-log?user=${'u'.repeat(300)}`);
      const alert = page.getByRole('alert').filter({ hasText: 'The access log could not be read' });
      await alert.waitFor();
      expect(await alert.textContent()).toContain('VALIDATION_FAILED');
      expect(await page.getByTestId('access-log-summary').textContent()).not.toMatch(/entries on this page/);

      await page.goto(`${server.url}/audit?person=${'p'.repeat(300)}`);
      const failed = page.getByRole('alert').filter({ hasText: 'The search failed' });
      await failed.waitFor();
      expect(await failed.textContent()).toContain('VALIDATION_FAILED');

      await page.goto(`${server.url}/audit/instances/not-a-request`);
      const missing = page.getByRole('alert').filter({ hasText: 'This history cannot be shown' });
      await missing.waitFor();
      expect(await missing.textContent()).toContain('NOT_FOUND');
    } finally {
      await close();
    }
  });

  it('says the period is reversed instead of loading for ever', async () => {
    const { page, close } = await openBrowser({ width: 1366, height: 900 });
    try {
      await signIn(page, server.url, 'auditor', PASSWORD);
      await page.goto(`${server.url}/audit/access-log?from=2026-12-07&to=2026-12-01`);
      await page.getByTestId('access-log-empty').waitFor();
      await expect
        .poll(() => page.getByTestId('access-log-summary').textContent())
        .toMatch(/“To” day is before the “From” day/);
    } finally {
      await close();
    }
  });
});
