import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * The Team page names roles as every other screen does, by the title the clinic gave them
 * ("Front desk receptionist"), never by words made from the role's id ("Front desk").
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

const PATIENT = 'DEMO-6311';

describe('role titles on the Team page', () => {
  it('a lead moving work to another role’s pool chooses among the roles’ titles', async () => {
    const desk = await apiSession(server.url, 'front-desk', PASSWORD);
    const started = await desk('POST', '/requests', {
      definitionId: 'prescription-refill',
      data: { patient: PATIENT, medication: 'metformin' },
    });
    expect(started.status).toBe(201);

    const b = await openBrowser({ width: 1440, height: 900 });
    try {
      await signIn(b.page, server.url, 'lead', PASSWORD);
      await b.page.goto(`${server.url}/team`);
      const table = b.page.getByTestId('team-table');
      await table.waitFor();
      // The workload table and the filter say the titles too.
      await b.page.getByTestId('team-workload').getByText('Pharmacy refill coordinator').first().waitFor();

      await table.getByRole('checkbox', { name: new RegExp(`${PATIENT} · Refill: metformin`) }).check();
      await b.page.getByTestId('bulk-reassign-button').click();
      await b.page.getByTestId('reassign-target-role').click();
      await b.page.getByTestId('reassign-role').click();
      const options = (await b.page.getByRole('option').allTextContents()).map((t) => t.trim());
      expect(options).toContain('Front desk receptionist');
      expect(options).toContain('Patient billing specialist');
      expect(options).toContain('Pharmacy refill coordinator');
      expect(options).not.toContain('Front desk');
      expect(options).not.toContain('Billing specialist');

      await b.page.getByRole('option', { name: 'Patient billing specialist' }).click();
      await b.page.getByTestId('reassign-review').click();
      await b.page.getByText('the Patient billing specialist pool').first().waitFor();
    } finally {
      await b.close();
    }
  });
});
