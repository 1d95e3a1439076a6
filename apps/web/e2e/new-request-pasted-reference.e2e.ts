import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

/**
 * Staff copy a patient's address out of the EHR ("https://ehr.example/fhir/Patient/DEMO-8201/_history/2")
 * or type the chart number in lower case on a call. The box turns either into the chart number as the
 * clinic writes it when they leave it, so they see what will be kept, and the request starts; Request
 * status finds it from the address too.
 */
describe('a patient reference pasted from the EHR or typed in lower case', () => {
  it('shows as the chart number once the box is left, and starts and finds the request', async () => {
    const desk = await openBrowser();
    try {
      const page = desk.page;
      await signIn(page, server.url, 'front-desk', PASSWORD);
      const { form, patient, openForm, choose } = newRequestForm(page);

      await openForm('Appointment request from the portal');
      await patient.fill('https://ehr.example/fhir/Patient/DEMO-8201/_history/2');
      await patient.press('Tab');
      await expect.poll(() => patient.inputValue()).toBe('DEMO-8201');
      await choose('visitType', 'Procedure');
      await form.locator('[data-testid="form-field-requested"]').fill('Mole on my back looked at');
      await expect
        .poll(async () => (await form.getByTestId('new-request-name').textContent())?.replace(/\s+/g, ' '))
        .toContain('DEMO-8201 · Appointment: Procedure');
      expect(await form.getByRole('alert').count()).toBe(0);
      await page.getByTestId('new-request-submit').click();
      await page
        .getByText('DEMO-8201 · Appointment: Procedure is in the Scheduling coordinator pool.')
        .waitFor();

      // Typed in lower case and sent with Enter, without leaving the box: kept as DEMO-8202.
      await openForm('Appointment request from the portal');
      await choose('visitType', 'Follow up');
      await form.locator('[data-testid="form-field-requested"]').fill('Blood pressure check');
      await patient.fill('demo-8202');
      await patient.press('Enter');
      await page
        .getByText('DEMO-8202 · Appointment: Follow up is in the Scheduling coordinator pool.')
        .waitFor();

      // Request status from the address copied off the chart, shown as the chart number it looks up.
      await page.getByTestId('request-status').click();
      const lookup = page.getByTestId('request-status-patient');
      await lookup.fill('https://ehr.example/fhir/Patient/demo-8201');
      await lookup.press('Tab');
      await expect.poll(() => lookup.inputValue()).toBe('DEMO-8201');
      await page.getByTestId('request-status-submit').click();
      await expect
        .poll(async () => (await page.getByTestId('request-status-row').allTextContents()).join('\n'))
        .toContain('DEMO-8201 · Appointment: Procedure');
    } finally {
      await desk.close();
    }
  });
});

/** The New request dialog and its patient box. */
function newRequestForm(page: Page) {
  const form = page.getByTestId('new-request-form');
  return {
    form,
    patient: form.locator('[data-testid="form-field-patient"]'),
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
