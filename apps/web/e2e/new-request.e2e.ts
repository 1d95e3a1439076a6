import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { seriousViolations } from './support/axe.ts';
import { openBrowser, screenshot, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('New request', () => {
  it('the front desk starts a refill from My work by keyboard; the coordinators see its subject and find it', async () => {
    const desk = await openBrowser();
    const coordinator = await openBrowser();
    try {
      await signIn(desk.page, server.url, 'front-desk', PASSWORD);
      await desk.page.getByTestId('new-request').click();
      await desk.page.getByTestId('new-request-form').waitFor();
      // The front desk starts several kinds of request (refills, appointments, billing questions…):
      // the workflow picker has focus; a word of its name and Enter pick one, and its first field has focus.
      const workflow = desk.page.getByTestId('new-request-workflow');
      await expect.poll(() => workflow.evaluate((el) => el === document.activeElement)).toBe(true);
      await desk.page.keyboard.type('refill');
      await desk.page.keyboard.press('Enter');
      const patient = desk.page.locator(
        '[data-testid="new-request-form"] [data-testid="form-field-patient"]',
      );
      await patient.waitFor();
      await expect.poll(() => patient.evaluate((el) => el === document.activeElement)).toBe(true);
      await desk.page.keyboard.type('DEMO-5001');
      await desk.page.keyboard.press('Tab');
      await desk.page.keyboard.type('lisinopril');
      await desk.page.keyboard.press('Tab');
      await desk.page.keyboard.type('Main St Pharmacy');
      await desk.page.keyboard.press('Tab');
      await desk.page.keyboard.type('555-0101');
      expect(await seriousViolations(desk.page)).toEqual([]);
      await screenshot(desk.page, 'new-request');
      await desk.page.keyboard.press('Enter');
      await desk.page.getByText('Request started').waitFor();
      await desk.page.getByText('DEMO-5001 · Refill: lisinopril is in its pool.').waitFor();

      // A second refill, so the pool holds two rows with the same step title.
      await desk.page.getByTestId('new-request').click();
      await expect.poll(() => workflow.evaluate((el) => el === document.activeElement)).toBe(true);
      await desk.page.keyboard.type('refill');
      await desk.page.keyboard.press('Enter');
      await patient.waitFor();
      await expect.poll(() => patient.evaluate((el) => el === document.activeElement)).toBe(true);
      await desk.page.keyboard.type('DEMO-5002');
      await desk.page.keyboard.press('Tab');
      await desk.page.keyboard.type('metformin');
      await desk.page.keyboard.press('Enter');
      await desk.page.getByText('DEMO-5002 · Refill: metformin is in its pool.').waitFor();

      await signIn(coordinator.page, server.url, 'refill-coordinator', PASSWORD);
      await coordinator.page.getByTestId('work-folder-pool-refill-coordinator').click();
      const list = coordinator.page.getByTestId('task-list');
      await list.waitFor();
      await list.getByText('DEMO-5001 · Refill: lisinopril').waitFor();
      await list.getByText('DEMO-5002 · Refill: metformin').waitFor();
      // Every row says which request it is, above the step title.
      const subjects = await list.getByTestId('task-row-subject').allTextContents();
      expect(subjects.length).toBeGreaterThan(1);
      for (const s of subjects) expect(s.trim()).not.toBe('');
      await screenshot(coordinator.page, 'pool-subjects');

      await coordinator.page.getByTestId('filter-text').fill('metformin');
      await list.getByText('DEMO-5001 · Refill: lisinopril').waitFor({ state: 'detached' });
      expect(await list.getByTestId('task-row-subject').allTextContents()).toEqual([
        'DEMO-5002 · Refill: metformin',
      ]);
      // The search stays in the page: nothing typed goes into the address.
      expect(coordinator.page.url()).not.toContain('metformin');
    } finally {
      await desk.close();
      await coordinator.close();
    }
  });

  it('a name typed where the chart number belongs is caught on the form, with what a chart number looks like', async () => {
    const desk = await openBrowser();
    try {
      await signIn(desk.page, server.url, 'front-desk', PASSWORD);
      await desk.page.getByTestId('new-request').click();
      await desk.page.getByTestId('new-request-workflow').click();
      await desk.page.getByRole('option', { name: 'Prescription refill request' }).click();
      const form = desk.page.getByTestId('new-request-form');
      const patient = form.locator('[data-testid="form-field-patient"]');
      await patient.fill('Maria Lopez');
      await form.locator('[data-testid="form-field-medication"]').fill('atorvastatin');
      await form.locator('[data-testid="form-field-callbackPhone"]').fill('ask at desk');
      await desk.page.getByTestId('new-request-submit').click();
      await form.getByText('Patient reference must be a chart number such as DEMO-5001').waitFor();
      await form.getByText('Callback phone must be a phone number such as (555) 201-0142').waitFor();
      // The first wrong answer has the focus, to be typed again at once.
      await expect.poll(() => patient.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await seriousViolations(desk.page)).toEqual([]);
      await screenshot(desk.page, 'new-request-wrong-format');
      // Nothing was started.
      const pool = await apiSession(server.url, 'refill-coordinator', PASSWORD);
      const started = await pool<{ items: { subject: string | null }[] }>(
        'GET',
        '/tasks?scope=pool&limit=200',
      );
      expect(started.body.items.some((t) => t.subject?.includes('atorvastatin'))).toBe(false);

      // Corrected, with a space pasted along, it starts.
      await patient.fill(' DEMO-5410 ');
      await form.locator('[data-testid="form-field-callbackPhone"]').fill('(555) 201-0142');
      await desk.page.getByTestId('new-request-submit').click();
      await desk.page.getByText('DEMO-5410 · Refill: atorvastatin is in its pool.').waitFor();
      // Started for the wrong patient after all: withdrawn from the toast before anyone acts on it.
      await desk.page.getByTestId('withdraw-request').click();
      await desk.page.getByText('Request withdrawn').waitFor();
      await expect
        .poll(async () =>
          (
            await pool<{ items: { subject: string | null }[] }>('GET', '/tasks?scope=pool&limit=200')
          ).body.items.some((t) => t.subject?.includes('atorvastatin')),
        )
        .toBe(false);
    } finally {
      await desk.close();
    }
  });

  it('the same refill again: the open one is shown before a second is started, and Enter starts it anyway', async () => {
    const desk = await openBrowser();
    try {
      await signIn(desk.page, server.url, 'front-desk', PASSWORD);
      const fill = async (patientRef: string, medication: string) => {
        await desk.page.getByTestId('new-request').click();
        await desk.page.getByTestId('new-request-workflow').click();
        await desk.page.getByRole('option', { name: 'Prescription refill request' }).click();
        const form = desk.page.getByTestId('new-request-form');
        await form.locator('[data-testid="form-field-patient"]').fill(patientRef);
        await form.locator('[data-testid="form-field-medication"]').fill(medication);
      };
      await fill('DEMO-5301', 'amlodipine');
      await desk.page.getByTestId('new-request-submit').click();
      await desk.page.getByText('DEMO-5301 · Refill: amlodipine is in its pool.').waitFor();

      // The pharmacy's fax arrives for the same refill: typed in another case, it is still the same.
      await fill('demo-5301', 'Amlodipine');
      await desk.page.keyboard.press('Enter');
      const shown = desk.page.getByTestId('new-request-matches');
      await shown.waitFor();
      expect(await shown.textContent()).toContain('DEMO-5301 · Refill: amlodipine');
      expect(await shown.textContent()).toContain('by Front desk receptionist');
      expect(await shown.textContent()).toMatch(/waiting on Pharmacy refill coordinator/);
      expect(await desk.page.getByTestId('new-request-submit').textContent()).toBe('Start anyway');
      expect(await seriousViolations(desk.page)).toEqual([]);
      await screenshot(desk.page, 'new-request-already-open');
      // Nothing was started by the check: the refill pool holds the one request.
      const pool = await apiSession(server.url, 'refill-coordinator', PASSWORD);
      const count = async () =>
        (
          await pool<{ items: { subject: string | null }[] }>('GET', '/tasks?scope=pool&limit=200')
        ).body.items.filter((t) => t.subject?.toUpperCase() === 'DEMO-5301 · REFILL: AMLODIPINE').length;
      expect(await count()).toBe(1);

      // A different medication is another request: no warning.
      const medication = desk.page.locator(
        '[data-testid="new-request-form"] [data-testid="form-field-medication"]',
      );
      await medication.fill('lisinopril');
      expect(await shown.count()).toBe(0);
      expect(await desk.page.getByTestId('new-request-submit').textContent()).toBe('Start request');

      // Back to the same one; the desk knows it is a second, separate supply: Enter twice starts it.
      // As on a loaded machine, the next animation frame comes late: the focus must not wait for it.
      await desk.page.evaluate(() => {
        window.requestAnimationFrame = (step) => window.setTimeout(() => step(performance.now()), 400);
      });
      await medication.fill('amlodipine');
      await desk.page.keyboard.press('Enter');
      await shown.waitFor();
      // "Start anyway" has the focus by the time the warning shows: the next Enter decides.
      expect(await desk.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
        'new-request-submit',
      );
      await desk.page.keyboard.press('Enter');
      await desk.page.getByText('demo-5301 · Refill: amlodipine is in its pool.').waitFor();
      await expect.poll(count).toBe(2);
    } finally {
      await desk.close();
    }
  });
});
