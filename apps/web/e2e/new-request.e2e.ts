import { DEMO_PEOPLE } from '@portalflow/server';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { seriousViolations } from './support/axe.ts';
import { dismissToasts, openBrowser, screenshot, signIn } from './support/browser.ts';
import { addColleague, PASSWORD, startTestServer, type TestServer } from './support/server.ts';
import { testNow } from './support/time-shift.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  // A second person at the front desk, who did not start the requests the first one withdraws.
  await addColleague(server, 'front-desk', { username: 'front-desk-2', displayName: 'Second receptionist' });
});
afterAll(async () => {
  await server?.stop();
});

/** Whether the element's middle is on screen and nothing (the dialog's header, its edge) covers it. */
const inView = (element: Locator) =>
  element.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const x = r.left + r.width / 2;
    const y = r.top + r.height / 2;
    if (y < 0 || y > window.innerHeight) return false;
    const top = document.elementFromPoint(x, y);
    return top !== null && (el === top || el.contains(top));
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
      await desk.page
        .getByText('DEMO-5001 · Refill: lisinopril is in the Pharmacy refill coordinator pool.')
        .waitFor();

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
      await desk.page
        .getByText('DEMO-5002 · Refill: metformin is in the Pharmacy refill coordinator pool.')
        .waitFor();

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
      // The page's timers, so the toast can be shown to outlast its old 12 seconds without waiting them.
      await desk.page.clock.install({ time: testNow() });
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

      // Corrected, with a space pasted along: the summary follows each correction and is gone once both are right.
      const summary = form.getByRole('alert');
      expect(await summary.textContent()).toBe('2 fields need attention.');
      await patient.fill(' DEMO-5410 ');
      await expect.poll(() => summary.textContent()).toBe('1 field needs attention.');
      expect(await form.getByText('Patient reference must be a chart number such as DEMO-5001').count()).toBe(
        0,
      );
      await form.locator('[data-testid="form-field-callbackPhone"]').fill('(555) 201-0142');
      await summary.waitFor({ state: 'detached' });
      expect(
        await form.getByText('Callback phone must be a phone number such as (555) 201-0142').count(),
      ).toBe(0);
      // A field emptied again after the first try is said at once.
      await form.locator('[data-testid="form-field-medication"]').fill('');
      await form.getByText('Medication is required').waitFor();
      expect(await summary.textContent()).toBe('1 field needs attention.');
      await form.locator('[data-testid="form-field-medication"]').fill('atorvastatin');
      await summary.waitFor({ state: 'detached' });
      await desk.page.getByTestId('new-request-submit').click();
      await desk.page
        .getByText('DEMO-5410 · Refill: atorvastatin is in the Pharmacy refill coordinator pool.')
        .waitFor();
      // The toast's button says all of its word, and the toast is still there after the old 12 seconds.
      const withdraw = desk.page.getByTestId('withdraw-request');
      expect(await withdraw.textContent()).toBe('Withdraw');
      expect(
        await withdraw.evaluate((button) =>
          [button, ...button.querySelectorAll('*')].every((el) => el.scrollWidth <= el.clientWidth),
        ),
      ).toBe(true);
      await screenshot(desk.page, 'new-request-started', { keepToasts: true });
      await desk.page.clock.fastForward(13_000);
      await withdraw.waitFor();
      // Started for the wrong patient after all: withdrawn from the toast before anyone acts on it.
      await withdraw.click();
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
      await desk.page
        .getByText('DEMO-5301 · Refill: amlodipine is in the Pharmacy refill coordinator pool.')
        .waitFor();

      // The pharmacy's fax arrives for the same refill: typed in another case, it is still the same.
      await fill('demo-5301', 'Amlodipine');
      await desk.page.keyboard.press('Enter');
      const shown = desk.page.getByTestId('new-request-matches');
      await shown.waitFor();
      expect(await shown.textContent()).toContain('DEMO-5301 · Refill: amlodipine');
      expect(await shown.textContent()).toContain(`by ${DEMO_PEOPLE['front-desk']}`);
      expect(await shown.textContent()).toMatch(/waiting on Pharmacy refill coordinator/);
      expect(await desk.page.getByTestId('new-request-submit').textContent()).toBe('Start anyway');
      // On a laptop (1280×800) the warning's first lines, which request is open, are in view with
      // "Start anyway" near them, not scrolled away above the form.
      await expect.poll(() => inView(shown.getByText('This request is already open'))).toBe(true);
      await expect.poll(() => inView(shown.getByText('DEMO-5301 · Refill: amlodipine'))).toBe(true);
      expect(await inView(desk.page.getByTestId('new-request-submit'))).toBe(true);
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
      await desk.page
        .getByText('demo-5301 · Refill: amlodipine is in the Pharmacy refill coordinator pool.')
        .waitFor();
      await expect.poll(count).toBe(2);
    } finally {
      await desk.close();
    }
  });

  it('whoever started a request withdraws it from Request status after its toast has gone; not once a colleague has acted', async () => {
    const desk = await openBrowser();
    try {
      await signIn(desk.page, server.url, 'front-desk', PASSWORD);
      await desk.page.getByTestId('new-request').click();
      await desk.page.getByTestId('new-request-workflow').click();
      await desk.page.getByRole('option', { name: 'Prescription refill request' }).click();
      const form = desk.page.getByTestId('new-request-form');
      await form.locator('[data-testid="form-field-patient"]').fill('DEMO-5520');
      await form.locator('[data-testid="form-field-medication"]').fill('losartan');
      await desk.page.getByTestId('new-request-submit').click();
      await desk.page
        .getByText('DEMO-5520 · Refill: losartan is in the Pharmacy refill coordinator pool.')
        .waitFor();
      await dismissToasts(desk.page);

      // Two more for the same patient: a coordinator has already taken one; the other is taken while the desk looks.
      const api = await apiSession(server.url, 'front-desk', PASSWORD);
      const start = async (medication: string) => {
        const r = await api<{ instance: { id: string; active: { taskId: string }[] } }>('POST', '/requests', {
          definitionId: 'prescription-refill',
          data: { patient: 'DEMO-5520', medication },
        });
        expect(r.status).toBe(201);
        return r.body.instance.active[0]!.taskId;
      };
      const taken = await start('hydrochlorothiazide');
      const racing = await start('amlodipine');
      const coordinator = await apiSession(server.url, 'refill-coordinator', PASSWORD);
      const claim = async (taskId: string) =>
        expect((await coordinator('POST', `/tasks/${encodeURIComponent(taskId)}/claim`, {})).status).toBe(
          200,
        );
      await claim(taken);

      await desk.page.getByTestId('request-status').click();
      await desk.page.getByTestId('request-status-patient').fill('DEMO-5520');
      await desk.page.getByTestId('request-status-submit').click();
      const rows = desk.page.getByTestId('request-status-row');
      await expect.poll(() => rows.count()).toBe(3);
      const row = (medication: string) => rows.filter({ hasText: medication });
      await row('losartan').getByTestId('request-withdraw').waitFor();
      await row('amlodipine').getByTestId('request-withdraw').waitFor();
      expect(await row('hydrochlorothiazide').getByTestId('request-withdraw').count()).toBe(0);
      expect(await seriousViolations(desk.page)).toEqual([]);
      await screenshot(desk.page, 'request-status-withdraw');

      // Taken by a coordinator before the desk decides: the withdrawal is refused, said so, and no longer offered.
      await claim(racing);
      await row('amlodipine').getByTestId('request-withdraw').click();
      await row('amlodipine').getByTestId('request-withdraw-confirm').click();
      await desk.page.getByText('Too late to withdraw').waitFor();
      await expect.poll(() => row('amlodipine').getByTestId('request-withdraw').count()).toBe(0);

      await row('losartan').getByTestId('request-withdraw').click();
      await row('losartan').getByTestId('request-withdraw-confirm').click();
      await desk.page.getByText('Request withdrawn').waitFor();
      await row('losartan').getByTestId('request-status-cancel-reason').waitFor();
      expect(await row('losartan').getByTestId('request-withdraw').count()).toBe(0);
      const pool = await coordinator<{ items: { subject: string | null }[] }>(
        'GET',
        '/tasks?scope=pool&limit=200',
      );
      expect(pool.body.items.some((t) => t.subject?.includes('losartan'))).toBe(false);
    } finally {
      await desk.close();
    }
  });

  it('a billing question logged by mistake is withdrawn from its task by whoever started it; a colleague is not offered it', async () => {
    const api = await apiSession(server.url, 'front-desk', PASSWORD);
    const start = async (question: string) => {
      const r = await api<{ instance: { active: { taskId: string }[] } }>('POST', '/requests', {
        definitionId: 'billing-question',
        data: { patient: 'DEMO-5530', channel: 'phone', question },
      });
      expect(r.status).toBe(201);
      return r.body.instance.active[0]!.taskId;
    };
    const mistaken = await start('logged twice');
    const claimed = await start('statement copy');
    const colleagueApi = await apiSession(server.url, 'front-desk-2', PASSWORD);
    expect((await colleagueApi('POST', `/tasks/${encodeURIComponent(claimed)}/claim`, {})).status).toBe(200);
    const desk = await openBrowser({ width: 1440, height: 900 });
    const colleague = await openBrowser({ width: 1440, height: 900 });
    try {
      const panel = (page: typeof desk.page) => page.getByTestId('task-panel');
      await signIn(colleague.page, server.url, 'front-desk-2', PASSWORD);
      await colleague.page.getByTestId('work-folder-pool-front-desk').click();
      await colleague.page.getByTestId(`task-row-${mistaken}`).click();
      await expect.poll(() => panel(colleague.page).getAttribute('data-task-id')).toBe(mistaken);
      await colleague.page.locator('#task-panel-title').waitFor();
      expect(await colleague.page.getByTestId('request-withdraw').count()).toBe(0);

      await signIn(desk.page, server.url, 'front-desk', PASSWORD);
      await desk.page.getByTestId('work-folder-pool-front-desk').click();
      await desk.page.getByTestId(`task-row-${mistaken}`).click();
      await expect.poll(() => panel(desk.page).getAttribute('data-task-id')).toBe(mistaken);
      const withdraw = desk.page.getByTestId('request-withdraw');
      await withdraw.waitFor();
      expect(await seriousViolations(desk.page)).toEqual([]);
      await withdraw.click();
      await screenshot(desk.page, 'my-work-withdraw');
      await desk.page.getByTestId('request-withdraw-confirm').click();
      await desk.page.getByText('Request withdrawn').waitFor();
      await desk.page.getByTestId(`task-row-${mistaken}`).waitFor({ state: 'detached', timeout: 15_000 });
      const task = await api<{ task: { status: string; closeReason: string } }>(
        'GET',
        `/tasks/${encodeURIComponent(mistaken)}`,
      );
      expect(task.body.task).toMatchObject({ status: 'closed', closeReason: 'cancelled' });
      // The one a colleague took is not the starter's to withdraw any more.
      const other = await api<{ withdrawable: boolean }>('GET', `/tasks/${encodeURIComponent(claimed)}`);
      expect(other.body.withdrawable).toBe(false);
    } finally {
      await desk.close();
      await colleague.close();
    }
  });
});
