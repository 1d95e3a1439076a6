import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe.ts';
import { openBrowser, screenshot, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * A lead starts the editor's practice run from the workflow's own start form, the fields New request
 * shows, answered with practice values she can change: no data written by hand. What New request would
 * refuse is said under the field, and the run waits for it; the answers carry through the run as a
 * real request's would. Nothing of it reaches the server: no request is started, no patient is read.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('the practice run’s start form', () => {
  it('starts from fields only, checks them as New request does, and plays through to the end', async () => {
    const b = await openBrowser({ width: 1366, height: 900 });
    try {
      const { page } = b;
      await signIn(page, server.url, 'lead', PASSWORD);
      await page.goto(`${server.url}/workflows/appointment-request`);
      await page.getByTestId('editor-canvas').waitFor();
      // From here on the browser only reads: a practice run writes nothing to the server.
      const written: string[] = [];
      page.on('request', (r) => {
        if (r.url().includes('/api/') && r.method() !== 'GET') written.push(`${r.method()} ${r.url()}`);
      });
      const urls: string[] = [];
      page.on('request', (r) => urls.push(r.url()));

      await page.getByTestId('simulate-button').click();
      const panel = page.getByTestId('simulate-panel');
      await panel.waitFor();
      const form = panel.getByTestId('sim-start-form');
      await form.waitFor();
      const patient = form.getByTestId('form-field-patient');
      const visitType = form.getByTestId('form-field-visitType');
      const requested = form.getByTestId('form-field-requested');
      // Practice answers: the chart number the field's own hint shows, the first choice, the example.
      expect(await patient.inputValue()).toBe('DEMO-5001');
      expect(await visitType.inputValue()).toBe('Follow up');
      expect(await requested.inputValue()).toBe('Follow-up on blood pressure, any weekday morning');
      const review = panel.getByTestId('sim-active-review-request');
      await review.waitFor();

      // Left empty, or not a chart number: said in words, as New request says it, and the run waits.
      await patient.fill('');
      await form.getByText('Patient reference is required').waitFor();
      await review.waitFor({ state: 'detached' });
      await panel.getByText(/The run starts once the start form is complete/).waitFor();
      expect(await panel.getByText('Not started', { exact: true }).count()).toBe(1);
      await patient.fill('7002');
      await form.getByText('Patient reference must be a chart number such as DEMO-5001').waitFor();
      expect(await review.count()).toBe(0);
      await patient.fill('DEMO-7002');
      await review.waitFor();
      expect(await form.getByText(/Patient reference must be/).count()).toBe(0);

      // A procedure needs prep instructions from the nurse: picked on the form, as on a call.
      await visitType.click();
      await page.getByRole('option', { name: 'Procedure' }).click();
      await expect.poll(() => visitType.inputValue()).toBe('Procedure');
      expect(await seriousViolations(page)).toEqual([]);
      await page.mouse.move(0, 0);
      await screenshot(page, 'editor-simulate-start-form');

      // The same answers as data, behind Advanced, in step with the fields both ways.
      await panel.getByRole('button', { name: /Advanced/ }).click();
      const box = panel.getByRole('textbox', { name: 'Starting data' });
      await expect
        .poll(async () => JSON.parse(await box.inputValue()))
        .toEqual({
          patient: 'DEMO-7002',
          visitType: 'procedure',
          requested: 'Follow-up on blood pressure, any weekday morning',
        });
      await box.fill(
        JSON.stringify({
          patient: 'DEMO-7002',
          visitType: 'procedure',
          requested: 'Knee injection, Tuesday',
        }),
      );
      await expect.poll(() => requested.inputValue()).toBe('Knee injection, Tuesday');
      await panel.getByRole('button', { name: /Advanced/ }).click();

      // Playing each role in turn: the scheduler sees the visit type the request came with.
      const reviewVisit = review.getByLabel(/^Visit type/);
      expect(await reviewVisit.inputValue()).toBe('Procedure');
      await panel.getByTestId('sim-outcome-review-request-confirm').click();
      await panel.getByTestId('sim-outcome-send-confirmation-sent').click();
      await panel.getByTestId('sim-outcome-prep-instructions-sent').click();
      await expect.poll(() => panel.textContent()).toContain('Ended: Booked');
      // Once under way the form folds to what the run started with, and can be opened to change it.
      const folded = panel.getByTestId('sim-start-summary');
      expect(await folded.textContent()).toContain('DEMO-7002');
      expect(await patient.count()).toBe(0);
      await page.mouse.move(0, 0);
      await screenshot(page, 'editor-simulate-ended');

      expect(written).toEqual([]);
      expect(urls.filter((u) => u.includes('DEMO-7002'))).toEqual([]);
    } finally {
      await b.close();
    }
  });
});
