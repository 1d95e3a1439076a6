import { DEMO_PEOPLE } from '@portalflow/server';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { openBrowser, screenshot, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * The front desk starts a refill that is already open: the warning says which one it is (when it
 * started, the step it is at and who has it, as far as the desk may read it) and opens it in Request
 * status, the desk's view of a request it does not hold, without leaving the half-filled form.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

/** A refill started (by the desk, or by the coordinator from a fax) and taken by the coordinator. */
async function takenRefill(
  startedBy: 'front-desk' | 'refill-coordinator',
  patient: string,
  medication: string,
) {
  const starter = await apiSession(server.url, startedBy, PASSWORD);
  const started = await starter<{ instance: { id: string; active: { taskId: string }[] } }>(
    'POST',
    '/requests',
    {
      definitionId: 'prescription-refill',
      data: { patient, medication },
    },
  );
  expect(started.status).toBe(201);
  const coordinator = await apiSession(server.url, 'refill-coordinator', PASSWORD);
  const task = encodeURIComponent(started.body.instance.active[0]!.taskId);
  expect((await coordinator('POST', `/tasks/${task}/claim`, {})).status).toBe(200);
  return started.body.instance.id;
}

/** The same refill again at the desk, up to the warning. */
async function sameAgain(page: Page, patient: string, medication: string) {
  await page.getByTestId('new-request').click();
  await page.getByTestId('new-request-workflow').click();
  await page.getByRole('option', { name: 'Prescription refill request' }).click();
  const form = page.getByTestId('new-request-form');
  await form.locator('[data-testid="form-field-patient"]').fill(patient);
  await form.locator('[data-testid="form-field-medication"]').fill(medication);
  await page.keyboard.press('Enter');
  await page.getByTestId('new-request-matches').waitFor();
}

const said = async (page: Page, testId: string) => (await page.getByTestId(testId).textContent()) ?? '';

describe('an already open request, shown', () => {
  it('the one the desk started: who has it and its step, and a button that opens it in Request status', async () => {
    const id = await takenRefill('front-desk', 'DEMO-5801', 'amlodipine');
    const b = await openBrowser({ width: 1280, height: 800 });
    try {
      const { page } = b;
      await signIn(page, server.url, 'front-desk', PASSWORD);
      await sameAgain(page, 'demo-5801', 'Amlodipine');
      const warning = await said(page, 'new-request-matches');
      expect(warning).toContain('Prepare the refill request for review');
      expect(warning).toContain(`taken by ${DEMO_PEOPLE['refill-coordinator']}`);
      expect(warning).toContain(`by ${DEMO_PEOPLE['front-desk']}`);

      await page.getByTestId(`new-request-match-show-${id}`).click();
      const row = page.locator(`[data-testid="request-status-row"][data-instance-id="${id}"]`);
      await row.waitFor();
      const shown = (await row.textContent()) ?? '';
      expect(shown).toContain('DEMO-5801 · Refill: amlodipine');
      expect(shown).toContain('Prepare the refill request for review');
      expect(await page.getByTestId('request-status-row').count()).toBe(1);
      // The request is asked for by its id, in a request body: the patient is in no address.
      expect(page.url()).not.toMatch(/5801/);
      await screenshot(page, 'new-request-already-open-shown');

      // Closing it goes back to the form as it was ("demo-5801" shown as its chart number since the box
      // was left), "Start anyway" still there to decide.
      await page
        .getByRole('dialog', { name: 'Request status' })
        .getByRole('button', { name: 'Close' })
        .click();
      await row.waitFor({ state: 'detached' });
      expect(await page.getByTestId('new-request-submit').textContent()).toBe('Start anyway');
      expect(
        await page
          .locator('[data-testid="new-request-form"] [data-testid="form-field-patient"]')
          .inputValue(),
      ).toBe('DEMO-5801');
    } finally {
      await b.close();
    }
  });

  it('one the desk may not read (the coordinator started it from a fax): no step, no names, still shown', async () => {
    const id = await takenRefill('refill-coordinator', 'DEMO-5802', 'sertraline');
    const b = await openBrowser({ width: 1280, height: 800 });
    try {
      const { page } = b;
      await signIn(page, server.url, 'front-desk', PASSWORD);
      await sameAgain(page, 'DEMO-5802', 'sertraline');
      const warning = await said(page, 'new-request-matches');
      expect(warning).toContain('waiting on Pharmacy refill coordinator');
      expect(warning).not.toContain('Prepare the refill request for review');
      expect(warning).not.toContain(DEMO_PEOPLE['refill-coordinator']);

      await page.getByTestId(`new-request-match-show-${id}`).click();
      const row = page.locator(`[data-testid="request-status-row"][data-instance-id="${id}"]`);
      await row.waitFor();
      const shown = (await row.textContent()) ?? '';
      expect(shown).toContain('Only the roles working on this request see what it is about.');
      expect(shown).not.toContain('Prepare the refill request for review');
    } finally {
      await b.close();
    }
  });
});
