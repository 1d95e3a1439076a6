import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * Request status says what is wrong with a reference in the words New request uses, not the
 * server's validation text: a name (or a phone number, or a paste too long) is not a chart number.
 * A chart number typed loosely (lower case, spaces around it, the FHIR spelling) is still looked up.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

const CHART_NUMBER_PLEASE = 'Patient reference must be a chart number such as DEMO-5001';

describe('Request status', () => {
  it('asks for the chart number when given a name or a long paste', async () => {
    const b = await openBrowser({ width: 1366, height: 900 });
    try {
      const { page } = b;
      await signIn(page, server.url, 'front-desk', PASSWORD);
      await page.getByTestId('request-status').click();
      const box = page.getByTestId('request-status-patient');
      const lookUp = async (typed: string) => {
        await box.fill(typed);
        await page.getByTestId('request-status-submit').click();
      };
      const dialog = page.getByRole('dialog', { name: 'Request status' });

      await lookUp('Maria Gonzalez');
      await dialog.getByText(CHART_NUMBER_PLEASE).waitFor();
      expect(await page.getByTestId('request-status-none').count()).toBe(0);

      // As New request says it of the same paste.
      await lookUp(`DEMO-${'9'.repeat(300)}`);
      await dialog.getByText('Patient reference must be at most 200 characters').waitFor();
      expect(await dialog.textContent()).not.toMatch(/Too big|<=200|patient:/);

      for (const loose of ['  demo-8101 ', 'Patient/DEMO-8104', 'DEMO-99999']) {
        await lookUp(loose);
        await page
          .getByTestId('request-status-none')
          .or(page.getByTestId('request-status-results'))
          .waitFor();
        expect(await dialog.getByText(CHART_NUMBER_PLEASE).count()).toBe(0);
      }
    } finally {
      await b.close();
    }
  });

  it('sends nothing when the reference check cannot be fetched, and says to reload', async () => {
    // RE2 comes with the first check (forms/patternChecks.ts): here its files never arrive.
    const b = await openBrowser({ width: 1366, height: 900, noServiceWorker: true });
    try {
      const { page } = b;
      await page.route(/\/assets\/(?:patternEngine|field-pattern)-[\w-]+\.js$/, (route) => route.abort());
      const asked: string[] = [];
      page.on('request', (r) => {
        if (new URL(r.url()).pathname === '/api/requests/status') asked.push(r.method());
      });
      await signIn(page, server.url, 'front-desk', PASSWORD);
      await page.getByTestId('request-status').click();
      await page.getByTestId('request-status-patient').fill('Maria Gonzalez');
      await page.getByTestId('request-status-submit').click();
      const dialog = page.getByRole('dialog', { name: 'Request status' });
      await dialog.getByText('This page could not load its reference check').waitFor();
      expect(asked).toEqual([]);
    } finally {
      await b.close();
    }
  });
});
