import type { Definition } from '@portalflow/engine';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { openBrowser, screenshot, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * A lead changes a deadline as a number and a unit (never ISO 8601), is told what publishing will
 * change, and only then publishes.
 */
const TRIAGE = 'portal-message-triage';
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

async function choose(page: Page, input: Locator, option: string | RegExp): Promise<void> {
  await input.click();
  await page.getByRole('option', { name: option }).first().click();
}

describe('auditor search and the access log in words', () => {
  it('finds a request by patient reference and reads who opened which task, newest first', async () => {
    const lead = await apiSession(server.url, 'lead', PASSWORD);
    const ma = await apiSession(server.url, 'medical-assistant', PASSWORD);
    const started = await lead<{ instance: { id: string; active: Array<{ taskId: string }> } }>(
      'POST',
      '/instances',
      {
        definitionId: TRIAGE,
        data: { subject: 'Refill question', patient: 'DEMO-5001', message: 'Can I get more of my inhaler?' },
      },
    );
    expect(started.status).toBe(201);
    const { id, active } = started.body.instance;
    expect((await ma('GET', `/tasks/${active[0]!.taskId}`)).status).toBe(200);

    const b = await openBrowser({ width: 1440, height: 900 });
    const page = b.page;
    try {
      await signIn(page, server.url, 'auditor', PASSWORD);
      await page.getByTestId('audit-filter-patient').fill('demo-5001');
      await page.getByTestId(`audit-result-${id}`).waitFor();
      await expect.poll(() => page.locator('[data-testid^="audit-result-"]').count()).toBe(1);
      // The reference never reaches the address bar.
      expect(page.url()).not.toMatch(/5001/i);

      await page.getByTestId('audit-tab-access-log').click();
      await page.getByTestId('access-log-table').waitFor();
      const what = page.getByTestId('access-log-what');
      await what
        .filter({ hasText: "Opened 'Sort the portal message' of Patient portal message triage" })
        .first()
        .waitFor();
      await what.filter({ hasText: 'Searched requests by patient reference: 1 found' }).first().waitFor();
      // Newest first: the auditor's own search sits above the medical assistant's earlier read.
      const texts = await what.allTextContents();
      const search = texts.findIndex((t) => t.startsWith('Searched requests by patient reference'));
      const opened = texts.findIndex((t) => t.startsWith("Opened 'Sort the portal message'"));
      expect(search).toBeLessThan(opened);

      await choose(page, page.getByTestId('access-log-category'), 'Patient data');
      await expect
        .poll(async () => (await what.allTextContents()).some((t) => t.startsWith('Searched')))
        .toBe(false);
      await what.filter({ hasText: "Opened 'Sort the portal message'" }).first().waitFor();
      await screenshot(page, 'audit-access-log-words');
    } finally {
      await b.close();
    }
  });
});

describe('deadline entry and publish confirmation', () => {
  it('enters a deadline as 2 business days, sees the summary, publishes version 2', async () => {
    const b = await openBrowser({ width: 1440, height: 900 });
    const page = b.page;
    try {
      await signIn(page, server.url, 'lead', PASSWORD);
      await page.goto(`${server.url}/workflows/${TRIAGE}`);
      await page.getByTestId('editor-canvas').waitFor();
      await page.getByTestId('node-sort-message').click();
      const amount = page.getByTestId('deadline-amount');
      // The file says P1D with business hours: the inspector shows 1 and Days.
      await expect.poll(() => amount.inputValue()).toBe('1');
      expect(await page.getByTestId('deadline-unit').inputValue()).toBe('Days');

      await amount.fill('two');
      await page.getByText('Enter a whole number of days').waitFor();
      await amount.fill('2');
      await expect.poll(() => page.getByText('Enter a whole number of days').count()).toBe(0);
      await choose(page, page.getByTestId('deadline-unit'), 'Days');

      await page.getByTestId('publish-button').click();
      const summary = page.getByTestId('publish-summary');
      await summary.waitFor();
      await summary.getByTestId('publish-changed').getByText('Sort the portal message').waitFor();
      await summary.getByTestId('publish-roles').getByText('Medical assistant').first().waitFor();
      expect(await summary.textContent()).toMatch(/Compared with version 1/);
      // Each role's line says what kind of change it is, the new value and the old.
      const roles = await summary.getByTestId('publish-roles').textContent();
      expect(roles).toContain(
        'Deadline: Sort the portal message: 1 business day, then to Nurse manager → 2 business days, then to Nurse manager',
      );
      expect(roles).toContain(
        'Gets overdue work at another time: Sort the portal message (Medical assistant (care-team pool)) escalated after 2 business days (was 1 business day)',
      );
      expect(roles).not.toContain('when not done within');
      await screenshot(page, 'publish-confirmation');

      await page.getByTestId('publish-confirm').click();
      await expect
        .poll(() => page.getByTestId('version-badge').textContent(), { timeout: 15_000 })
        .toBe('Published · version 2');
      const lead = await apiSession(server.url, 'lead', PASSWORD);
      const saved = await lead<{ latest: { version: number; definition: Definition } }>(
        'GET',
        `/definitions/${TRIAGE}`,
      );
      expect(saved.body.latest.version).toBe(2);
      expect(saved.body.latest.definition.steps['sort-message']).toMatchObject({
        deadline: { after: 'P2D', calendar: 'business' },
      });
    } finally {
      await b.close();
    }
  });
});
