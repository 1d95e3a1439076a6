import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { openBrowser, screenshot, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

const TRIAGE = 'portal-message-triage';
let server: TestServer;
let id = '';

beforeAll(async () => {
  server = await startTestServer();
  const lead = await apiSession(server.url, 'lead', PASSWORD);
  const started = await lead<{ instance: { id: string } }>('POST', '/instances', {
    definitionId: TRIAGE,
    data: { subject: 'Refill question', patient: 'DEMO-5003', message: 'Can I get more of my inhaler?' },
  });
  expect(started.status).toBe(201);
  id = started.body.instance.id;
});
afterAll(async () => {
  await server?.stop();
});

describe('an auditor searches by patient reference', () => {
  it('sees each request found named as the unfiltered list names it, not by its id', async () => {
    const b = await openBrowser({ width: 1366, height: 900 });
    try {
      await signIn(b.page, server.url, 'auditor', PASSWORD);
      await b.page.getByRole('link', { name: 'Audit' }).click();
      const row = b.page.getByTestId(`audit-result-${id}`);
      const unfiltered = (await row.getByTestId('instance-subject').textContent()) ?? '';
      expect(unfiltered).toContain('DEMO-5003');

      await b.page.getByTestId('audit-filter-patient').fill('DEMO-5003');
      await expect.poll(() => b.page.locator('[data-testid^="audit-result-"]').count()).toBe(1);
      expect(await row.getByTestId('instance-subject').textContent()).toBe(unfiltered);
      await screenshot(b.page, 'audit-search-by-patient');
    } finally {
      await b.close();
    }
  });
});
