import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, screenshot, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

/**
 * The front desk sees the name a request will be listed under before starting it, as the server will
 * give it: when the part that tells it apart from the patient's other requests is still empty, the
 * form says which field that is.
 */
describe('New request shows the name it will be listed as', () => {
  it('updates as the form is filled, says which field tells it apart, and is the name it starts with', async () => {
    const desk = await openBrowser();
    const assistant = await openBrowser();
    try {
      await signIn(desk.page, server.url, 'front-desk', PASSWORD);
      const { form, shown, openForm, choose } = newRequestForm(desk.page);

      await openForm('Appointment request from the portal');
      // A name typed where the chart number belongs is refused: never shown as what it will be listed as.
      await form.locator('[data-testid="form-field-patient"]').fill('Maria Lopez');
      await expect.poll(shown).toContain('Patient reference');
      expect(await shown()).not.toContain('Maria Lopez');
      await form.locator('[data-testid="form-field-patient"]').fill('DEMO-8102');
      await expect.poll(shown).toContain('Will be listed as: DEMO-8102 · Appointment');
      // Until the visit type is chosen, the name does not tell this appointment from the others.
      await expect.poll(shown).toContain('Visit type');
      await screenshot(desk.page, 'new-request-name-incomplete');

      await choose('visitType', 'Procedure');
      await expect.poll(shown).toBe('Will be listed as: DEMO-8102 · Appointment: Procedure');
      // What the patient asked for, in their own words, stays on the task, as the server lists it.
      await form.locator('[data-testid="form-field-requested"]').fill('Mole on my back looked at');
      await expect.poll(shown).toBe('Will be listed as: DEMO-8102 · Appointment: Procedure');
      await screenshot(desk.page, 'new-request-name');
      await desk.page.getByTestId('new-request-submit').click();
      await desk.page
        .getByText('DEMO-8102 · Appointment: Procedure is in the Scheduling coordinator pool.')
        .waitFor();

      // A portal message the medical assistant copies in by hand: its FHIR reference reads as the chart
      // number; the patient's subject line and message are not part of the name.
      await signIn(assistant.page, server.url, 'medical-assistant', PASSWORD);
      const triage = newRequestForm(assistant.page);
      await triage.openForm('Patient portal message triage');
      await triage.form.locator('[data-testid="form-field-patient"]').fill('Patient/DEMO-8103');
      await expect.poll(triage.shown).toContain('Will be listed as: DEMO-8103 · Message');
      await expect.poll(triage.shown).toContain('Portal category');
      await triage.choose('category', 'Test results');
      await triage.form.locator('[data-testid="form-field-subject"]').fill('My HIV test??');
      await triage.form.locator('[data-testid="form-field-message"]').fill('Are my results in yet?');
      await expect.poll(triage.shown).toBe('Will be listed as: DEMO-8103 · Message: Test results');
      await assistant.page.getByTestId('new-request-submit').click();
      await assistant.page.getByText('DEMO-8103 · Message: Test results is in the').waitFor();
    } finally {
      await desk.close();
      await assistant.close();
    }
  });
});

/** The New request dialog on one person's page, and the name it shows. */
function newRequestForm(page: Page) {
  const form = page.getByTestId('new-request-form');
  const name = form.getByTestId('new-request-name');
  return {
    form,
    shown: async () => ((await name.textContent()) ?? '').replace(/\s+/g, ' ').trim(),
    openForm: async (workflow: string) => {
      await page.getByTestId('new-request').click();
      await page.getByTestId('new-request-workflow').click();
      await page.getByRole('option', { name: workflow }).click();
      await form.locator('[data-testid="form-field-patient"]').waitFor();
    },
    choose: async (field: string, option: string) => {
      await form.getByTestId(`form-field-${field}`).click();
      await page.getByRole('option', { name: option, exact: true }).click();
    },
  };
}
