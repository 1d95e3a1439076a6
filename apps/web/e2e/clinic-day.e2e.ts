import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe.ts';
import { openBrowser, screenshot, signIn } from './support/browser.ts';
import { clearSelection } from './support/canvas.ts';
import { laneNamesOffScreen } from './support/lanes.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';
import { testNow } from './support/time-shift.ts';

/**
 * A whole clinic day in real Chromium against the real server and a libSQL file: the front desk starts
 * three refill requests from My work; the refill pool (the medical assistant working refills) sees their
 * subjects and completes one with a note for the next role; the provider reads it; a lead's new lane for a
 * role nobody holds is warned about; the admin adds a second medical assistant who signs in; the auditor
 * finds the request by patient reference and reads the note on the timeline. Screenshots at 1440×900.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

const WIDE = { width: 1440, height: 900 };
const REFILLS = [
  { patient: 'DEMO-5101', medication: 'lisinopril' },
  { patient: 'DEMO-5102', medication: 'metformin' },
  { patient: 'DEMO-5103', medication: 'atorvastatin' },
];
const NOTE = 'Patient asks for a 90-day supply; Main St pharmacy has it in stock. Last BP 128/80.';
const NEW_PASSWORD = 'second assistant picks this one';

async function startRefill(page: Page, patient: string, medication: string) {
  await page.getByTestId('new-request').click();
  const form = page.getByTestId('new-request-form');
  await form.waitFor();
  // The front desk starts several kinds of request (appointments, billing, sign-in help…): pick one.
  await page.getByTestId('new-request-workflow').click();
  await page.getByRole('option', { name: 'Prescription refill request' }).click();
  await form.locator('[data-testid="form-field-patient"]').fill(patient);
  await form.locator('[data-testid="form-field-medication"]').fill(medication);
  await page.getByTestId('new-request-submit').click();
  await page
    .getByText(`${patient} · Refill: ${medication} is in the Pharmacy refill coordinator pool.`)
    .waitFor();
}

describe('a clinic day', () => {
  it('requests start at the front desk, notes reach the next role, unheld roles are flagged, a new assistant signs in, the auditor reads it all', async () => {
    // Front desk: three refill calls, each from My work.
    const desk = await openBrowser(WIDE);
    try {
      await signIn(desk.page, server.url, 'front-desk', PASSWORD, { onPage: true });
      for (const r of REFILLS) await startRefill(desk.page, r.patient, r.medication);
      await desk.page.getByTestId('new-request').click();
      await desk.page.getByTestId('new-request-form').waitFor();
      // The notice above the list shows the last request started landing in its pool.
      await screenshot(desk.page, 'day-1-front-desk-new-request', { keepToasts: true });
      // The first Escape closes the open workflow list, the second the dialog.
      await desk.page.keyboard.press('Escape');
      await desk.page.keyboard.press('Escape');
      await desk.page.getByTestId('new-request-form').waitFor({ state: 'detached' });
      // The first patient calls back: where is my refill? The reference as the caller says it.
      await desk.page.getByTestId('request-status').click();
      await desk.page.getByTestId('request-status-patient').fill(REFILLS[0]!.patient.toLowerCase());
      await desk.page.keyboard.press('Enter');
      const rows = desk.page.getByTestId('request-status-row');
      await expect.poll(() => rows.count()).toBe(1);
      const refill = (await rows.first().textContent()) ?? '';
      expect(refill).toContain(`${REFILLS[0]!.patient} · Refill: ${REFILLS[0]!.medication}`);
      expect(refill).toContain('With Pharmacy refill coordinator — Prepare the refill request for review');
      expect(refill).toContain('waiting in the pool');
      await screenshot(desk.page, 'day-1b-request-status');
      // A lab result the front desk does not work on: where it is and until when, not which test.
      await desk.page.getByTestId('request-status-patient').fill('DEMO-4007');
      await desk.page.keyboard.press('Enter');
      await expect.poll(async () => (await rows.first().textContent()) ?? '').toContain('Lab result release');
      const lab = (await desk.page.getByTestId('request-status-results').textContent()) ?? '';
      expect(lab).toContain('Only the roles working on this request see what it is about.');
      expect(lab).not.toContain('HIV');
      expect(await seriousViolations(desk.page)).toEqual([]);
      await desk.page.keyboard.press('Escape');
    } finally {
      await desk.close();
    }

    // The refill pool: three rows that say which request each is; one is prepared with a note.
    const ma = await openBrowser(WIDE);
    try {
      await signIn(ma.page, server.url, 'refill-coordinator', PASSWORD, { onPage: true });
      await ma.page.getByTestId('work-folder-pool-refill-coordinator').click();
      const list = ma.page.getByTestId('task-list');
      for (const r of REFILLS) await list.getByText(`${r.patient} · Refill: ${r.medication}`).waitFor();
      await screenshot(ma.page, 'day-2-pool-with-subjects');
      await list.getByText(`${REFILLS[0]!.patient} · Refill: ${REFILLS[0]!.medication}`).click();
      await ma.page.getByTestId('claim-button').click();
      const form = ma.page.getByTestId('task-form');
      await form.waitFor();
      await ma.page.getByTestId('release-button').waitFor();
      const yesNo = async (field: string, answer: 'Yes' | 'No') =>
        form.getByTestId(`form-field-${field}`).getByText(answer, { exact: true }).click();
      // Lisinopril is not a controlled substance; it reaches the provider as it is not on the
      // nursing standing order.
      await yesNo('controlledSubstance', 'No');
      // The last visit's date is asked; the months since it are worked out, never typed.
      expect(await form.getByTestId('form-field-monthsSinceLastVisit').count()).toBe(0);
      const lastVisit = new Date(testNow() - 100 * 86_400_000).toISOString().slice(0, 10);
      await form.getByTestId('form-field-lastVisitDate').fill(lastVisit);
      await yesNo('labsCurrent', 'Yes');
      await yesNo('exactRefill', 'Yes');
      await yesNo('onStandingOrder', 'No');
      await yesNo('needsPriorAuth', 'No');
      await ma.page.getByTestId('task-note').fill(NOTE);
      await expect.poll(() => ma.page.getByTestId('task-note-for-next').isChecked()).toBe(true);
      await screenshot(ma.page, 'day-3-complete-with-note');
      await ma.page.getByTestId('outcome-button-prepared').click();
      await ma.page
        .getByText(/Completed/)
        .first()
        .waitFor();
      // Done: what I completed this week, newest first, with how it ended ("did I already do that?").
      await ma.page.getByTestId('work-folder-done').click();
      const done = ma.page.getByTestId('task-list');
      await done.getByText(`${REFILLS[0]!.patient} · Refill: ${REFILLS[0]!.medication}`).waitFor();
      expect(await done.getByTestId('task-row-done').first().textContent()).toContain('Prepared');
      await done.getByText(`${REFILLS[0]!.patient} · Refill: ${REFILLS[0]!.medication}`).click();
      await ma.page.getByText(/You finished it .* with “Prepared”\./).waitFor();
    } finally {
      await ma.close();
    }

    // The provider: the note is at the top of the task and in History so far, with who and which step.
    const provider = await openBrowser(WIDE);
    try {
      await signIn(provider.page, server.url, 'provider', PASSWORD, { onPage: true });
      // The provider starts no request: Request status has the row to itself, as wide as the search box.
      const status = await provider.page.getByTestId('request-status').boundingBox();
      const search = await provider.page.getByTestId('filter-text').boundingBox();
      expect(await provider.page.getByTestId('new-request').count()).toBe(0);
      expect(status!.width).toBeGreaterThan(search!.width * 0.9);
      await provider.page.getByTestId('work-folder-pool-provider').click();
      const list = provider.page.getByTestId('task-list');
      await list.getByText(`${REFILLS[0]!.patient} · Refill: ${REFILLS[0]!.medication}`).click();
      const forMe = provider.page.getByTestId('notes-for-next-role');
      await forMe.waitFor();
      await expect.poll(() => forMe.textContent()).toContain(NOTE);
      await expect.poll(() => forMe.textContent()).toContain('Prepare the refill request for review');
      // The months the refill checks read, worked out from the date the coordinator gave.
      const details = provider.page.getByTestId('instance-data');
      await expect.poll(() => details.textContent()).toMatch(/Months since last visit[34](?!\d)/);
      const card = provider.page.getByTestId('request-note').first();
      await expect.poll(() => card.textContent()).toContain(NOTE);
      await screenshot(provider.page, 'day-4-provider-reads-note');
      await card.scrollIntoViewIfNeeded();
      await screenshot(provider.page, 'day-4b-history-so-far');
    } finally {
      await provider.close();
    }

    // The lead: a lane for a role nobody holds is a warning while drawing.
    const lead = await openBrowser(WIDE);
    try {
      await signIn(lead.page, server.url, 'lead', PASSWORD, { onPage: true });
      // Leads answer calls too: Request status is on Team.
      await lead.page.getByRole('link', { name: 'Team' }).click();
      await lead.page.getByTestId('request-status').click();
      await lead.page.getByTestId('request-status-patient').fill(REFILLS[1]!.patient);
      await lead.page.keyboard.press('Enter');
      await expect
        .poll(async () => (await lead.page.getByTestId('request-status-results').textContent()) ?? '')
        .toContain(`${REFILLS[1]!.patient} · Refill: ${REFILLS[1]!.medication}`);
      await lead.page.keyboard.press('Escape');
      await lead.page.getByTestId('request-status-form').waitFor({ state: 'detached' });
      await lead.page.goto(`${server.url}/workflows/prescription-refill`);
      await lead.page.getByTestId('inspector').waitFor();
      // Arrows read in words; the condition itself is there when the arrow is pointed at.
      const labs = lead.page.getByTestId('edge-steps.refill-checks.branches.2.to');
      await expect.poll(() => labs.textContent(), { timeout: 15_000 }).toBe('Labs current: no');
      expect(await labs.getAttribute('title')).toBe('Labs current: no — data.labsCurrent == false');
      expect(
        await lead.page.getByTestId('edge-steps.review-request.outcomes.duplicate-request').textContent(),
      ).toBe('Duplicate request');
      // Editing a condition shows how its arrow will read.
      await lead.page.getByTestId('node-refill-checks').click();
      const branch = lead.page.getByRole('group', { name: 'Branch 3' });
      await expect
        .poll(() => branch.getByTestId('condition-words').textContent())
        .toBe('Reads on the diagram: “Labs current: no”');
      await branch
        .getByTestId('condition-input')
        .fill('data.labsCurrent == false or data.monthsSinceLastVisit >= 24');
      await expect
        .poll(() => branch.getByTestId('condition-words').textContent())
        .toBe('Reads on the diagram: “Labs current: no; or months since last visit 24 or more”');
      await expect
        .poll(() => labs.textContent())
        .toBe('Labs current: no; or months since last visit 24 or more');
      await clearSelection(lead.page);
      await lead.page.getByTestId('new-role').click();
      const create = lead.page.getByRole('group', { name: 'Create a new role' });
      await create.getByRole('textbox', { name: 'New role' }).fill('Pharmacist');
      await create.getByRole('textbox', { name: 'Department' }).fill('Pharmacy');
      await lead.page.getByTestId('add-role').click();
      const lint = lead.page.getByTestId('lint-panel');
      await expect
        .poll(() => lint.textContent(), { timeout: 15_000 })
        .toContain('Nobody holds the Pharmacist role');
      // Every lane with its band on screen shows its role name, however tall the lane.
      expect(await laneNamesOffScreen(lead.page)).toEqual([]);
      await screenshot(lead.page, 'day-5-unheld-lane-warning');
    } finally {
      await lead.close();
    }

    // The admin adds a second medical assistant; she sets her password with the one-time code and signs in.
    const admin = await openBrowser(WIDE);
    const second = await openBrowser(WIDE);
    try {
      await signIn(admin.page, server.url, 'admin', PASSWORD, { onPage: true });
      await admin.page.getByRole('link', { name: 'Accounts' }).click();
      await admin.page.getByTestId('people-table').waitFor();
      await admin.page.getByRole('button', { name: 'Add person' }).click();
      const dialog = admin.page.getByRole('dialog');
      await dialog.getByRole('textbox', { name: /^Username/ }).fill('ma-rosa');
      await dialog.getByRole('textbox', { name: /^Full name/ }).fill('Rosa Medina');
      await dialog.getByLabel(/^Roles/).click();
      await admin.page
        .getByRole('option', { name: /Medical assistant/i })
        .first()
        .click();
      await admin.page.keyboard.press('Tab');
      await dialog.getByRole('button', { name: 'Add person' }).click();
      const code =
        (await admin.page.getByTestId('one-time-code').locator('[data-code]').getAttribute('data-code')) ??
        '';
      expect(code).not.toBe('');
      await screenshot(admin.page, 'day-6-admin-one-time-code');
      await admin.page.getByRole('button', { name: 'Done' }).click();

      await second.page.goto(server.url);
      await second.page.getByRole('button', { name: /one-time code/ }).click();
      await second.page.getByRole('textbox', { name: /^Username/ }).fill('ma-rosa');
      await second.page.getByRole('textbox', { name: /^One-time code/ }).fill(code);
      await second.page.locator('input[autocomplete="new-password"]').nth(0).fill(NEW_PASSWORD);
      await second.page.locator('input[autocomplete="new-password"]').nth(1).fill(NEW_PASSWORD);
      await second.page.getByRole('button', { name: 'Set password' }).click();
      await second.page.getByRole('status').filter({ hasText: 'Password set' }).waitFor();
      await signIn(second.page, server.url, 'ma-rosa', NEW_PASSWORD, { onPage: true });
      await second.page.getByTestId('work-folder-pool-medical-assistant').waitFor();
      await screenshot(second.page, 'day-7-second-assistant-signed-in');
    } finally {
      await admin.close();
      await second.close();
    }

    // The auditor: finds the request by patient reference and reads the note on the timeline.
    const auditor = await openBrowser(WIDE);
    try {
      await signIn(auditor.page, server.url, 'auditor', PASSWORD, { onPage: true });
      await auditor.page.getByTestId('audit-search').waitFor();
      await auditor.page.getByTestId('audit-filter-patient').fill(REFILLS[0]!.patient);
      const result = auditor.page.locator('[data-testid^="audit-open-"]');
      await expect.poll(() => result.count(), { timeout: 15_000 }).toBe(1);
      await result.first().click();
      await auditor.page.getByTestId('audit-timeline').waitFor();
      const note = auditor.page.getByTestId('timeline-note');
      await note.waitFor();
      // Its words are the patient's business: shown with the values, a read the access log records.
      expect(await note.textContent()).not.toContain(NOTE);
      await auditor.page.getByTestId('timeline-reveal').click();
      await expect.poll(() => note.textContent()).toContain(NOTE);
      await note.scrollIntoViewIfNeeded();
      await screenshot(auditor.page, 'day-8-auditor-timeline-note');
      expect(auditor.page.url()).not.toContain('DEMO-');
    } finally {
      await auditor.close();
    }
  }, 300_000);
});
