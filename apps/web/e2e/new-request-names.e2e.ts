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
 * New appointment requests, billing questions and proxy requests are listed from the moment they
 * start: what the front desk hears on the call (the kind of visit, what the bill question is about, who
 * is asking for proxy access) names each one, so the new rows in a pool can be told apart.
 */
describe('New request names what it is from the start', () => {
  it('two appointments for different visits read differently in the scheduling pool; a proxy request names the relationship, not the requester', async () => {
    const desk = await openBrowser();
    const scheduler = await openBrowser();
    try {
      await signIn(desk.page, server.url, 'front-desk', PASSWORD);
      const form = desk.page.getByTestId('new-request-form');
      const choose = async (field: string, option: string) => {
        await form.getByTestId(`form-field-${field}`).click();
        await desk.page.getByRole('option', { name: option, exact: true }).click();
      };
      const openForm = async (workflow: string) => {
        await desk.page.getByTestId('new-request').click();
        await desk.page.getByTestId('new-request-workflow').click();
        await desk.page.getByRole('option', { name: workflow }).click();
        await form.locator('[data-testid="form-field-patient"]').waitFor();
      };

      await openForm('Appointment request from the portal');
      await form.locator('[data-testid="form-field-patient"]').fill('DEMO-5601');
      await choose('visitType', 'Follow up');
      await form.locator('[data-testid="form-field-requested"]').fill('Blood pressure check, mornings');
      await screenshot(desk.page, 'new-request-visit-type');
      await desk.page.getByTestId('new-request-submit').click();
      await desk.page
        .getByText('DEMO-5601 · Appointment: Follow up is in the Scheduling coordinator pool.')
        .waitFor();

      await openForm('Appointment request from the portal');
      await form.locator('[data-testid="form-field-patient"]').fill('DEMO-5602');
      await choose('visitType', 'Procedure');
      await form.locator('[data-testid="form-field-requested"]').fill('Mole on my back looked at');
      await desk.page.getByTestId('new-request-submit').click();
      await desk.page
        .getByText('DEMO-5602 · Appointment: Procedure is in the Scheduling coordinator pool.')
        .waitFor();

      // The billing question's kind, when the caller's words already tell it.
      await openForm('Billing question');
      await form.locator('[data-testid="form-field-patient"]').fill('DEMO-5603');
      await choose('channel', 'Phone');
      await choose('requestType', 'Payment plan');
      await desk.page.getByTestId('new-request-submit').click();
      await desk.page.getByText('DEMO-5603 · Billing: Payment plan is in the').waitFor();

      await openForm('Proxy and caregiver access');
      await form.locator('[data-testid="form-field-patient"]').fill('DEMO-5604');
      await form.locator('[data-testid="form-field-requester"]').fill('Maria Lopez');
      await choose('relationship', 'Parent');
      await desk.page.getByTestId('new-request-submit').click();
      await desk.page.getByText('DEMO-5604 · Proxy access: Parent is in the').waitFor();
      // The requester's name is kept on the request for the ID check, not shown in the list.
      await desk.page.getByTestId('work-folder-pool-front-desk').click();
      const deskList = desk.page.getByTestId('task-list');
      await deskList.getByText('DEMO-5604 · Proxy access: Parent').waitFor();
      expect(await deskList.textContent()).not.toContain('Maria Lopez');

      await signIn(scheduler.page, server.url, 'scheduler', PASSWORD);
      await scheduler.page.getByTestId('work-folder-pool-scheduler').click();
      const list = scheduler.page.getByTestId('task-list');
      await list.getByText('DEMO-5601 · Appointment: Follow up').waitFor();
      await list.getByText('DEMO-5602 · Appointment: Procedure').waitFor();
      // No new appointment is listed without its visit type.
      const subjects = (await list.getByTestId('task-row-subject').allTextContents()).map((s) => s.trim());
      expect(subjects.filter((s) => /· Appointment$/.test(s))).toEqual([]);
      // Beside the due date in a narrow pool column, the visit type at the end of the name is still shown, not cut.
      const cut = await list
        .getByTestId('task-row-subject')
        .evaluateAll((els) =>
          els.filter((el) => el.scrollHeight > el.clientHeight + 1).map((el) => el.textContent),
        );
      expect(cut).toEqual([]);
      await screenshot(scheduler.page, 'pool-appointment-visit-types');

      // The scheduler's first task shows the visit type the front desk chose, to confirm or correct.
      await list.getByText('DEMO-5602 · Appointment: Procedure').click();
      const visitType = scheduler.page.locator('[data-testid="form-field-visitType"]').first();
      await expect.poll(() => visitType.inputValue()).toBe('Procedure');
    } finally {
      await desk.close();
      await scheduler.close();
    }
  });
});
