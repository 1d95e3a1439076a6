import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * An auditor's filters answer the question asked, or say why they cannot: a person searched for within
 * a period finds only what started in it, and a filter too long to search for says so in its box
 * instead of leaving the unfiltered list under it as if it were the answer.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

/** A clinic day a month from now: no request has started on it. */
const monthAhead = () => new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

describe('audit filters', () => {
  it('keeps the period when a person is searched for by name', async () => {
    const { page, close } = await openBrowser({ width: 1366, height: 900 });
    try {
      await signIn(page, server.url, 'auditor', PASSWORD);
      const day = monthAhead();
      await page.goto(`${server.url}/audit?from=${day}&to=${day}`);
      await page.getByTestId('audit-search-empty').waitFor();
      // The front desk started the demo's requests today: none of them started in that period.
      await page.getByTestId('audit-filter-person').fill('Dana');
      await page.waitForResponse((r) => r.url().endsWith('/api/instances/search'));
      await page.getByTestId('audit-search-empty').waitFor();
      expect(await page.locator('[data-testid^="audit-result-"]').count()).toBe(0);
    } finally {
      await close();
    }
  });

  it('says a filter too long to search for is not applied, on both audit screens', async () => {
    const { page, close } = await openBrowser({ width: 1366, height: 900 });
    try {
      await signIn(page, server.url, 'auditor', PASSWORD);
      await page.goto(`${server.url}/audit`);
      await page.getByTestId('audit-results').waitFor();
      const pasted = 'x'.repeat(10_000);
      await page.getByTestId('audit-filter-patient').fill(pasted);
      await expect
        .poll(() =>
          page
            .getByRole('search')
            .getByText(/Too long.*not applied/)
            .count(),
        )
        .toBe(1);
      await page.getByTestId('audit-filter-person').fill(pasted);
      await expect
        .poll(() =>
          page
            .getByRole('search')
            .getByText(/Too long.*not applied/)
            .count(),
        )
        .toBe(2);

      await page.goto(`${server.url}/audit/access-log`);
      await page.getByTestId('access-log-table').waitFor();
      await page.getByTestId('access-log-patient').fill(pasted);
      await page.getByText(/Too long.*not applied/).waitFor();
      expect(
        await page.getByTestId('access-log-patient').getAttribute('aria-invalid'),
        'the box is marked as wrong for screen readers too',
      ).toBe('true');
    } finally {
      await close();
    }
  });
});
