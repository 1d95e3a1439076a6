import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
});
