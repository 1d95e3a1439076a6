import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../packages/engine/test/support/parse-csv.ts';
import { hoursAsDuration } from '../src/tracking/duration.ts';
import { apiSession } from './support/api.ts';
import { seriousViolations } from './support/axe.ts';
import { dismissToasts, openBrowser, screenshot, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';
import { testNow } from './support/time-shift.ts';

const SPECIALIST = 'portal-enrollment-specialist';
const ENROLLMENT = 'enrollment-activation';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
}, 60_000);

/** Real work: the specialist offers the portal to one patient, who declines (no device). */
async function realDecline() {
  const api = await apiSession(server.url, SPECIALIST, PASSWORD);
  const started = await api<{ instance: { id: string; active: { taskId: string }[] } }>(
    'POST',
    '/instances',
    {
      definitionId: ENROLLMENT,
      data: { patient: 'DEMO-7701' },
    },
  );
  const taskId = started.body.instance.active[0]!.taskId;
  expect((await api('POST', `/tasks/${taskId}/claim`)).status).toBe(200);
  const done = await api('POST', `/tasks/${taskId}/complete`, {
    outcome: 'declined',
    data: { hasEmail: false, enrolledElsewhere: false, declineReason: 'no-device' },
  });
  expect(done.status).toBe(200);
}

afterAll(async () => {
  await server?.stop();
});

/** A table's header and cells as shown on the page. */
async function shownTable(page: Page, id: string): Promise<string[][]> {
  const table = page.getByTestId(`tracking-table-${id}`).locator('table');
  await table.waitFor();
  const head = await table.locator('thead th').allInnerTexts();
  const rows = await table
    .locator('tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())),
    );
  return [head.map((h) => h.trim()), ...rows];
}

/** Clicks the table's CSV button and reads the file the browser saved. */
async function downloadedCsv(page: Page, id: string): Promise<string[][]> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId(`tracking-csv-${id}`).click(),
  ]);
  return parseCsv(await readFile((await download.path())!, 'utf8'));
}

/**
 * The CSV as the screen shows it: the same cells, except that a time column's hours ("0.4", under
 * "Median (h)") read as a span ("24 min", under "Median").
 */
function asShown(csv: string[][]): string[][] {
  const [header = [], ...rows] = csv;
  const timed = header.map((h) => /\(h\)$/.test(h));
  return [
    header.map((h, i) => (timed[i] ? h.replace(/\s*\(h\)$/, '') : h)),
    ...rows.map((r) => r.map((cell, i) => (timed[i] && cell !== '' ? hoursAsDuration(Number(cell)) : cell))),
  ];
}

/** The time-to-complete chart's scale in the words the table uses ("15 min", "2 h", "1 d 6 h"), never "0.25 h". */
async function expectScaleInWords(page: Page): Promise<void> {
  const ticks = await page
    .getByTestId('tracking-chart-time')
    .locator('.recharts-xAxis-tick-labels text')
    .allTextContents();
  expect(ticks.length).toBeGreaterThan(1);
  for (const tick of ticks) expect(tick).toMatch(/^(0|\d+ d( \d+ h)?|\d+ h( \d+ min)?|\d+ min)$/);
}

describe('tracking sheet and practice mode', () => {
  it('a staff member runs a practice instance to the end: marked everywhere, not counted on their sheet', async () => {
    const b = await openBrowser({ width: 1366, height: 900 });
    try {
      const { page } = b;
      await signIn(page, server.url, SPECIALIST, PASSWORD);

      // The sheet before practice: a real decline is counted (on top of the demo's past week), and the
      // CSV is the table (its times in hours).
      await page.getByRole('link', { name: 'Tracking' }).click();
      await page.getByTestId('tracking-page').waitFor();
      const sums = (table: string[][]) =>
        ['Approached', 'Declined'].map((column) =>
          table.slice(1).reduce((sum, row) => sum + Number(row[table[0]!.indexOf(column)] || 0), 0),
        );
      await page.getByTestId('tracking-check').waitFor();
      const hasTable = (await page.getByTestId('tracking-table-enrollment').locator('table').count()) > 0;
      const [approachedEarlier, declinedEarlier] = hasTable
        ? sums(await shownTable(page, 'enrollment'))
        : [0, 0];
      await realDecline();
      await page.reload();
      await page.getByTestId('tracking-page').waitFor();
      const enrollmentBefore = await shownTable(page, 'enrollment');
      expect(sums(enrollmentBefore)).toEqual([approachedEarlier! + 1, declinedEarlier! + 1]);
      const totalsBefore = await shownTable(page, 'totals');
      expect(await downloadedCsv(page, 'enrollment')).toEqual(enrollmentBefore);
      expect(asShown(await downloadedCsv(page, 'totals'))).toEqual(totalsBefore);
      expect(asShown(await downloadedCsv(page, 'tasks'))).toEqual(await shownTable(page, 'tasks'));
      await page.getByTestId('tracking-check').waitFor();
      expect(await page.getByTestId('tracking-check').textContent()).toContain('Matches the event log');

      // Practice: start a sandbox run of the enrollment workflow.
      await page.getByRole('link', { name: 'Practice' }).click();
      await page.getByTestId('practice-banner').waitFor();
      await page.getByTestId(`practice-start-${ENROLLMENT}`).click();
      const run = page.getByTestId('practice-run');
      await run.waitFor();
      await run.getByTestId('practice-badge').waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await dismissToasts(page);
      await screenshot(page, 'practice');

      // Work it in My work's practice view: banner, badge on the row and in the task.
      await page.getByTestId('practice-work').click();
      await page.getByTestId('practice-banner').waitFor();
      await page.getByTestId('work-folder-pool-portal-enrollment-specialist').click();
      const row = page.locator('[data-testid^="task-row-"]', { hasText: 'Offer the portal' }).first();
      await row.waitFor();
      await row.getByTestId('practice-badge').waitFor();
      await row.click();
      await page.getByTestId('claim-button').click();
      const panel = page.getByTestId('task-panel');
      await panel.getByTestId('practice-badge').waitFor();
      await page.getByTestId('task-form').waitFor();
      // The step's deadline is shown as in real work, with what it would do there and does not do here.
      const deadline = panel.getByTestId('practice-deadline');
      await deadline.waitFor();
      expect(await deadline.textContent()).toContain(
        'if this is not done by the due time, it moves to the Front office supervisor pool',
      );
      expect(await deadline.textContent()).toContain('In practice it stays with you and nobody is told');
      await page.getByTestId('work-folder-mine').click();
      await page.locator('[data-testid^="task-row-"]').first().getByTestId('practice-badge').waitFor();
      await dismissToasts(page);
      await screenshot(page, 'practice-my-work');

      // The deadline passes (a lead moves the due time back) and the server's timer worker runs: it has
      // nothing to fire, so the task stays the trainee's, shown past its deadline.
      const taskId = await panel.getAttribute('data-task-id');
      const lead = await apiSession(server.url, 'lead', PASSWORD);
      const moved = await lead('POST', `/tasks/${encodeURIComponent(taskId!)}/reassign`, {
        due: new Date(testNow() - 60_000).toISOString(),
        reason: 'Practice: past its deadline',
      });
      expect(moved.status).toBe(200);
      // Twice: a pass already under way may have begun before the move; the second starts after it.
      await server.server.timers.tick();
      await server.server.timers.tick();
      await page.reload();
      await page.getByTestId('practice-banner').waitFor();
      await page.getByTestId('work-folder-mine').click();
      await row.click();
      await panel.getByTestId('practice-deadline').getByText('Past its deadline').waitFor();
      expect(await panel.getByTestId('practice-deadline').textContent()).toContain(
        'In real work it would now be in the Front office supervisor pool',
      );
      expect(await panel.getByTestId('task-assignee').textContent()).toBe('Assigned to you');
      await panel.locator('[data-overdue="true"]').first().waitFor();
      // Overdue in words with the clinic's clock time it was due, in the task and in its row.
      const since = /^Overdue · (Today|Yesterday) \d{1,2}:\d{2} [AP]M$/;
      expect(await panel.getByTestId('due-chip').textContent()).toMatch(since);
      expect(await row.getByTestId('due-chip').textContent()).toMatch(since);
      expect(await row.getByTestId('due-relative').textContent()).toMatch(/^\d+ min late$/);
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByTestId('form-field-hasEmail').getByText('No', { exact: true }).click();
      await page.getByTestId('form-field-enrolledElsewhere').getByText('No', { exact: true }).click();
      await page.getByTestId('form-field-declineReason').click();
      await page.getByRole('option', { name: /not interested/i }).click();
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByTestId('practice-leave').waitFor();
      expect(await page.getByTestId('practice-leave').isVisible()).toBe(true);
      await page.getByTestId('outcome-button-declined').click();
      await row.waitFor({ state: 'detached', timeout: 15_000 });

      // The real queue shows no practice task.
      await page.getByTestId('practice-leave').click();
      // Leaving is a navigation: the banner goes when the real view replaces the practice one.
      await page.getByTestId('practice-banner').waitFor({ state: 'detached' });
      await page.getByTestId('my-work').waitFor();
      await page.getByTestId('work-folder-pool-portal-enrollment-specialist').click();
      await page.getByTestId('task-list').waitFor();
      expect(await page.locator('[data-testid="practice-badge"]').count()).toBe(0);

      // The practice run went to its end.
      await page.getByRole('link', { name: 'Practice' }).click();
      await page.getByTestId('practice-runs').waitFor();
      await page.getByTestId('practice-runs').getByRole('button', { name: 'Open' }).first().click();
      await page
        .getByTestId('practice-run-status')
        .getByText(/^Finished/)
        .waitFor();

      // The sheet after: the same numbers — the practice decline is not counted.
      await page.getByRole('link', { name: 'Tracking' }).click();
      await page.getByTestId('tracking-page').waitFor();
      expect(await shownTable(page, 'enrollment')).toEqual(enrollmentBefore);
      expect(await shownTable(page, 'totals')).toEqual(totalsBefore);
      expect(await downloadedCsv(page, 'enrollment')).toEqual(enrollmentBefore);
      await page.getByTestId('tracking-chart-volume').locator('svg').first().waitFor();
      await expectScaleInWords(page);
      expect(await seriousViolations(page)).toEqual([]);
      await page.evaluate(() => window.scrollTo(0, 0));
      await dismissToasts(page);
      await screenshot(page, 'tracking');
    } finally {
      await b.close();
    }
  }, 120_000);

  it('the person records a shift, corrects it, and sees its history; a lead sees everyone per role', async () => {
    const b = await openBrowser({ width: 1366, height: 900 });
    try {
      const { page } = b;
      await signIn(page, server.url, SPECIALIST, PASSWORD);
      await page.getByRole('link', { name: 'Tracking' }).click();
      await page.getByTestId('tracking-entries').waitFor();
      await page.getByTestId('entry-add').click();
      const form = page.getByTestId('entry-form');
      await form.waitFor();
      await page.getByTestId('entry-field-shift').click();
      await page.getByRole('option', { name: /morning/i }).click();
      await page.getByTestId('entry-field-site').fill('Main clinic');
      await page.getByTestId('entry-field-hours').fill('4');
      await page.getByTestId('entry-save').click();
      await form.waitFor({ state: 'detached' });
      const manual = page.getByTestId('tracking-table-manual');
      await manual.locator('tbody tr').first().waitFor();
      const shown = await shownTable(page, 'manual');
      expect(shown[1]![shown[0]!.indexOf('Hours')]).toBe('4');

      await page.getByTestId('entry-edit').first().click();
      await page.getByTestId('entry-field-hours').fill('6.5');
      await page.getByTestId('entry-save').click();
      await page.getByTestId('entry-form').waitFor({ state: 'detached' });
      await page.waitForFunction(() =>
        [...document.querySelectorAll('[data-testid="tracking-table-manual"] td')].some(
          (td) => td.textContent === '6.5',
        ),
      );
      await page.getByTestId('entry-history-button').first().click();
      const history = page.getByTestId('entry-history');
      await history.waitFor();
      await history.getByTestId('entry-history-verified').waitFor();
      expect(await history.textContent()).toContain('hours: 4 → 6.5');
      expect(await seriousViolations(page)).toEqual([]);
      await dismissToasts(page);
      await screenshot(page, 'tracking-entry-history');
    } finally {
      await b.close();
    }
    const lead = await openBrowser({ width: 1366, height: 900 });
    try {
      const { page } = lead;
      await signIn(page, server.url, 'lead', PASSWORD);
      await page.getByRole('link', { name: 'Tracking' }).click();
      await page.getByTestId('tracking-view').getByText('Per role').click();
      await page.getByTestId('tracking-table-totals').getByText('Totals per role').waitFor();
      const totals = await shownTable(page, 'totals');
      expect(totals[0]![0]).toBe('Role');
      expect(asShown(await downloadedCsv(page, 'totals'))).toEqual(totals);
      await dismissToasts(page);
      await screenshot(page, 'tracking-per-role');
    } finally {
      await lead.close();
    }
  }, 120_000);

  it("a lead reads last week's charts: every role's bars are tall enough to read and every role is named in full", async () => {
    const lead = await openBrowser({ width: 1366, height: 900 });
    try {
      const { page } = lead;
      await signIn(page, server.url, 'lead', PASSWORD);
      await page.getByRole('link', { name: 'Tracking' }).click();
      // The demo's past week lies within the last ten days.
      const from = new Date(testNow() - 10 * 86_400_000).toISOString().slice(0, 10);
      await page.getByTestId('tracking-from').fill(from);
      const volume = page.getByTestId('tracking-chart-volume');
      await volume.locator('.recharts-bar-rectangle').first().waitFor({ state: 'attached' });
      const plot = await volume.locator('.recharts-cartesian-grid').boundingBox();
      expect(plot!.height).toBeGreaterThanOrEqual(150);
      // Every role with completions has a legend entry, outside the plot.
      const legend = await volume.getByTestId('tracking-volume-legend').textContent();
      // (A role can be on the totals with nothing completed: only overdue work, or an escalation.)
      const [head, ...rows] = await shownTable(page, 'totals');
      const completed = head!.indexOf('Completed');
      const perRole = rows.filter((r) => r[completed] !== '0').map((r) => r[1]!);
      expect(perRole.length).toBeGreaterThan(1);
      for (const role of new Set(perRole)) expect(legend).toContain(role);

      const time = page.getByTestId('tracking-chart-time');
      // A long name wraps onto two lines (one tspan each) and is never cut.
      const names = await time
        .locator('.recharts-yAxis-tick-labels text')
        .evaluateAll((texts) =>
          texts.map((t) => [...t.querySelectorAll('tspan')].map((s) => s.textContent).join(' ')),
        );
      expect(names.sort()).toEqual([...new Set(perRole)].sort());
      await expectScaleInWords(page);
      await dismissToasts(page);
      await screenshot(page, 'tracking-last-week');
    } finally {
      await lead.close();
    }
  }, 120_000);
});
