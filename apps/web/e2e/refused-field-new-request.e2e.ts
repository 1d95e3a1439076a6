import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { seriousViolations } from './support/axe.ts';
import { openBrowser, signIn } from './support/browser.ts';
import { describedAs, isFocused } from './support/field-words.ts';
import { look } from './support/look.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * A start form the server refuses though the browser let it through (a lead made Pharmacy required
 * while the front desk had the form open): the server's words are said under Pharmacy, which is
 * marked invalid and takes the focus, and no request is started until it is filled in.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

const WORKFLOW = 'prescription-refill';

const refills = async () =>
  (await server.server.store.listInstances({ definitionId: WORKFLOW, limit: 500 })).items.length;

async function pharmacyMadeRequired() {
  const lead = await apiSession(server.url, 'lead', PASSWORD);
  const read = await lead<{
    draft: { revision: number; definition: { intake: { form: Array<{ id: string }> } } };
  }>('GET', `/definitions/${WORKFLOW}`);
  const definition = read.body.draft.definition;
  definition.intake.form = definition.intake.form.map((f) =>
    f.id === 'pharmacy' ? { ...f, required: true } : f,
  );
  const saved = await lead('PUT', `/definitions/${WORKFLOW}`, {
    definition,
    revision: read.body.draft.revision,
  });
  expect(saved.status).toBe(200);
  expect((await lead('POST', `/definitions/${WORKFLOW}/publish`, {})).status).toBe(200);
}

async function openRefill(page: Page) {
  await page.getByTestId('new-request').click();
  const form = page.getByTestId('new-request-form');
  await form.waitFor();
  await page.keyboard.type('refill');
  await page.keyboard.press('Enter');
  return form;
}

describe('New request: a start form field the server refuses', () => {
  it('is said under that field, which takes the focus, and nothing is started', async () => {
    const desk = await openBrowser({ width: 1366, height: 900 });
    try {
      const { page } = desk;
      await signIn(page, server.url, 'front-desk', PASSWORD);
      const form = await openRefill(page);
      const field = (id: string) => form.locator(`[data-testid="form-field-${id}"]`);
      await field('patient').fill('DEMO-5007');
      await field('medication').fill('metformin');
      await field('callbackPhone').fill('555-0107');
      const before = await refills();

      await pharmacyMadeRequired();
      await page.getByTestId('new-request-submit').click();

      const pharmacy = field('pharmacy');
      await expect.poll(() => pharmacy.getAttribute('aria-invalid')).toBe('true');
      expect(await describedAs(pharmacy)).toContain('Pharmacy is required');
      await expect.poll(() => isFocused(pharmacy)).toBe(true);
      // Above the form: how many fields need attention, not the field's words a second time.
      expect(await form.getByRole('alert').textContent()).toBe('1 field needs attention.');
      expect(await seriousViolations(page)).toEqual([]);
      await look(page.getByRole('dialog', { name: 'New request' }), 'refused-field-new-request');
      expect(await refills()).toBe(before);

      // Filled in, it is started.
      await pharmacy.fill('Main St Pharmacy');
      await page.getByTestId('new-request-submit').click();
      await page.getByText('Request started').waitFor();
      expect(await refills()).toBe(before + 1);
    } finally {
      await desk.close();
    }
  }, 60_000);
});
