import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { seriousViolations } from './support/axe.ts';
import { openBrowser, screenshot, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

let server: TestServer;
let instanceId: string;
/** The request's patient reference: patient data, shown on the audit page only after the reveal. */
let patient: string;
/** What the medical assistant wrote on the request: patient data too, behind the same reveal. */
const NOTE = 'Left a voicemail for Mrs Okafor about her dizziness';
const COMPLETION_NOTE = 'Mrs Okafor says it started with the new pills';

beforeAll(async () => {
  server = await startTestServer();
  // Give one triage instance a few events: claim, release, claim again, complete.
  const ma = await apiSession(server.url, 'medical-assistant', PASSWORD);
  const pool = await ma<{ items: Array<{ id: string; instanceId: string; step: string }> }>(
    'GET',
    '/tasks?scope=pool',
  );
  const task =
    pool.body.items.find((t) => t.step === 'sort-message' || t.step === 'classify') ??
    pool.body.items.find((t) => t.id.length > 0)!;
  instanceId = task.instanceId;
  const started = await ma<{ instance: { data: Record<string, unknown> } }>(
    'GET',
    `/instances/${instanceId}`,
  );
  patient = String(started.body.instance.data.patient);
  expect(patient).toMatch(/^DEMO-/);
  expect((await ma('POST', `/tasks/${task.id}/claim`)).status).toBe(200);
  expect((await ma('POST', `/tasks/${task.id}/release`)).status).toBe(200);
  expect((await ma('POST', `/tasks/${task.id}/claim`)).status).toBe(200);
  expect((await ma('POST', `/instances/${instanceId}/notes`, { body: NOTE, taskId: task.id })).status).toBe(
    201,
  );
  const detail = await ma<{
    step: { outcomes: string[]; form: Array<{ id: string; type: string; options?: string[] }> };
  }>('GET', `/tasks/${task.id}`);
  const data: Record<string, unknown> = {};
  for (const f of detail.body.step.form)
    data[f.id] =
      f.type === 'boolean'
        ? false
        : f.type === 'select'
          ? f.options![0]
          : f.type === 'number'
            ? 1
            : f.type === 'date'
              ? '2026-03-02'
              : 'checked';
  expect(
    (
      await ma('POST', `/tasks/${task.id}/complete`, {
        outcome: detail.body.step.outcomes[0],
        data,
        note: COMPLETION_NOTE,
      })
    ).status,
  ).toBe(200);
});
afterAll(async () => {
  await server?.stop();
});

/** Whether a step open at the scrubbed event is drawn wholly inside the audit diagram's pane. */
async function openStepOnScreen(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const pane = document.querySelector('[data-testid="audit-diagram"] .react-flow')?.getBoundingClientRect();
    const node = document
      .querySelector('[data-testid="audit-diagram"] .pf-node.pf-active')
      ?.getBoundingClientRect();
    if (!pane || !node || node.width === 0) return false;
    return (
      node.left >= pane.left && node.top >= pane.top && node.right <= pane.right && node.bottom <= pane.bottom
    );
  });
}

describe('Audit', () => {
  it('an auditor finds an instance, sees it verified, and scrubs its timeline on the diagram', async () => {
    const b = await openBrowser();
    try {
      await signIn(b.page, server.url, 'auditor', PASSWORD);
      await b.page.getByTestId('audit-search').waitFor();
      await b.page.getByTestId(`audit-result-${instanceId}`).waitFor();
      expect(await seriousViolations(b.page)).toEqual([]);
      // Every status reads in full ("Active", not "A…"), however narrow the table makes its column.
      const cut = await b.page.locator('[data-testid^="audit-result-"] [data-status]').evaluateAll((badges) =>
        badges
          .map((badge) => badge.querySelector('.mantine-Badge-label') as HTMLElement)
          .filter((label) => label.scrollWidth > label.clientWidth)
          .map((label) => label.textContent),
      );
      expect(cut).toEqual([]);
      // People by name only: no id after "Front desk receptionist".
      const results = await b.page.locator('[data-testid^="audit-result-"]').allTextContents();
      expect(results.join(' ')).not.toMatch(/[0-9a-f]{8}…/);
      // Workflows by their names, never their ids.
      const auditorApi = await apiSession(server.url, 'auditor', PASSWORD);
      const workflows = (
        await auditorApi<{ definitions: Array<{ id: string; title: string }> }>('GET', '/definitions')
      ).body.definitions;
      const workflowCells = b.page.getByTestId('audit-workflow-name');
      await expect.poll(() => workflowCells.first().textContent()).not.toBe('…');
      const named = await workflowCells.allTextContents();
      expect(named.length).toBeGreaterThan(0);
      for (const name of named) expect(workflows.map((w) => w.title)).toContain(name);
      for (const { id } of workflows) expect(results.join(' ')).not.toContain(id);
      // Versions as numbers under "Version", never "v1".
      const versions = await b.page.getByTestId('audit-version').allTextContents();
      expect(versions.length).toBeGreaterThan(0);
      for (const version of versions) expect(version).toMatch(/^\d+$/);
      await screenshot(b.page, 'audit-search');

      // Until the auditor reveals the values, no answer the page reads carries them.
      const answers: string[] = [];
      b.page.on('response', (response) => {
        if (/\/api\/instances\//.test(response.url()))
          void response.text().then(
            (text) => answers.push(text),
            () => undefined,
          );
      });

      await b.page.getByTestId(`audit-open-${instanceId}`).click();
      await b.page.getByTestId('audit-timeline').waitFor();
      expect(await b.page.getByTestId('replay-version').textContent()).toMatch(/^Version \d+$/);
      const badge = b.page.getByTestId('verify-badge');
      await expect.poll(() => badge.getAttribute('data-state'), { timeout: 15_000 }).toBe('verified');
      const entries = b.page.locator('[data-testid^="timeline-entry-"]');
      await expect.poll(() => entries.count()).toBeGreaterThanOrEqual(5);
      const current = () =>
        b.page.locator('[data-testid^="timeline-entry-"][data-current="true"]').getAttribute('data-testid');
      await expect.poll(current).toBe('timeline-entry-5');
      // The diagram opens where the request is, at a size its titles can be read at.
      await expect.poll(() => openStepOnScreen(b.page)).toBe(true);
      expect(await b.page.getByTestId('audit-diagram').getByTestId('fit-note').count()).toBe(0);
      // Scrub back two events, then to the first: the state at each point comes from a server replay.
      await b.page.getByTestId('scrubber-back').click();
      await b.page.getByTestId('scrubber-back').click();
      await expect.poll(current).toBe('timeline-entry-3');
      await b.page.getByTestId('replay-active').waitFor();
      await b.page.getByTestId('scrubber-first').click();
      await expect.poll(current).toBe('timeline-entry-1');
      await expect.poll(() => openStepOnScreen(b.page)).toBe(true);
      expect(await seriousViolations(b.page)).toEqual([]);
      expect(b.page.url()).not.toContain('DEMO-');

      // The timeline names the fields each event changed, without their values, and roles by title.
      const timeline = b.page.getByTestId('audit-timeline');
      const first = b.page.getByTestId('timeline-entry-1');
      await expect.poll(() => first.textContent()).toContain('Patient reference changed');
      expect(await timeline.textContent()).not.toContain(patient);
      // It says a note was added and a step completed with a note, without their words.
      const notes = timeline.getByTestId('timeline-note');
      await expect.poll(() => notes.count()).toBe(2);
      expect(await notes.nth(0).textContent()).toMatch(/^Note added on “/);
      expect(await notes.nth(1).textContent()).toMatch(/^Completed “[^”]+” with a note/);
      for (const words of [NOTE, COMPLETION_NOTE, 'Okafor'])
        expect(await timeline.textContent()).not.toContain(words);
      expect(await timeline.textContent()).not.toContain('→ DEMO-');
      expect(await timeline.textContent()).not.toMatch(/ as [a-z]+(-[a-z]+)+/);
      expect(await timeline.textContent()).not.toMatch(/[0-9a-f]{8}…/);
      await b.page.getByTestId('timeline-values-hidden').waitFor();
      // The history and the state after every event (asked once, not once a step), at least.
      expect(answers.length).toBeGreaterThanOrEqual(2);
      expect(answers.filter((a) => a.includes(patient) || a.includes('Okafor'))).toEqual([]);
      await notes.nth(1).scrollIntoViewIfNeeded();
      await screenshot(b.page, 'audit-replay');

      // One reveal opens the instance data and the timeline's values, as staff saw them: the form's
      // labels, in its order.
      await b.page.getByTestId('instance-data-toggle').click();
      const rows = b.page.getByTestId('instance-data-table').locator('tbody tr');
      await rows.first().waitFor();
      // The label only: the field's key is for the curious, in the title.
      const firstField = rows.first().locator('td').first();
      expect(await firstField.textContent()).toBe('Patient reference');
      expect(await firstField.getAttribute('title')).toBe('Field key: patient');
      await expect.poll(() => first.textContent()).toContain(`Patient reference: — → ${patient}`);
      expect(await b.page.locator('[data-testid="timeline-values-hidden"]').count()).toBe(0);
      // With them, the notes' words.
      expect(await notes.nth(0).textContent()).toContain(NOTE);
      expect(await notes.nth(1).textContent()).toContain(COMPLETION_NOTE);
      expect(await notes.nth(1).textContent()).toMatch(/^Completion note on “/);
      // The reveal is in the access log as a read of patient data.
      const auditor = await apiSession(server.url, 'auditor', PASSWORD);
      const log = await auditor<{ items: Array<{ dataCategory: string; detail: string | null }> }>(
        'GET',
        `/audit/access-log?instanceId=${instanceId}&category=phi&limit=1000`,
      );
      expect(log.body.items.map((r) => r.detail)).toContain('history with values');
      // Hidden again, the timeline names the fields only.
      await b.page.getByTestId('instance-data-toggle').click();
      await expect.poll(() => first.textContent()).toContain('Patient reference changed');
      await expect.poll(() => timeline.textContent()).not.toContain(NOTE);
    } finally {
      await b.close();
    }
  });

  it('the access-log report lists reads and denials for the period', async () => {
    const b = await openBrowser();
    try {
      await signIn(b.page, server.url, 'auditor', PASSWORD);
      await b.page.getByTestId('audit-tab-access-log').click();
      await b.page.getByTestId('access-log-table').waitFor();
      const rows = b.page.locator('[data-testid="access-log-table"] tbody tr');
      const what = b.page.getByTestId('access-log-what');
      await expect.poll(() => rows.count()).toBeGreaterThan(0);
      // List reads are left out by default (the summary says so); actions read in words, roles by title.
      await b.page.getByTestId('access-log-lists-hidden').waitFor();
      expect((await what.allTextContents()).filter((t) => t.startsWith('Listed'))).toEqual([]);
      const table = b.page.getByTestId('access-log-table');
      expect(await table.textContent()).not.toContain('/api/');
      expect(await table.textContent()).not.toMatch(/[0-9a-f]{8}…/);
      expect(await table.textContent()).not.toMatch(/medical-assistant|front-desk/);

      // At 1280 px the filters set every time fit one row; the rarely used ones wait behind "More filters".
      const filters = b.page.getByRole('search', { name: 'Access log filters' });
      const filterRows = () =>
        filters.evaluate((form) => {
          // A control starts a new row when it sits wholly below the ones before it.
          const boxes = [...(form.firstElementChild as HTMLElement).children]
            .map((c) => c.getBoundingClientRect())
            .filter((box) => box.height > 0)
            .sort((a, b) => a.top - b.top);
          let rows = 0;
          let bottom = Number.NEGATIVE_INFINITY;
          for (const box of boxes) {
            if (box.top >= bottom - 1) rows++;
            bottom = Math.max(bottom, box.bottom);
          }
          return rows;
        });
      expect(await filterRows()).toBe(1);
      const more = b.page.getByTestId('access-log-more');
      expect(await more.getAttribute('aria-expanded')).toBe('false');
      expect(await b.page.getByTestId('access-log-lists').isVisible()).toBe(false);

      // Shown, each list read is one line: how many requests, which list; the ids behind its details.
      await more.click();
      const listsSwitch = b.page.getByTestId('access-log-lists');
      await listsSwitch.waitFor({ state: 'attached' });
      // The panel may still be sliding open on a busy machine: a click by position can miss the switch,
      // so its input is clicked itself, and the test goes on once it is on.
      await listsSwitch.dispatchEvent('click');
      await expect.poll(() => listsSwitch.isChecked()).toBe(true);
      await expect
        .poll(async () => (await what.allTextContents()).some((t) => t.startsWith('Listed')))
        .toBe(true);
      const lists = rows.filter({
        has: b.page.locator('[data-testid="access-log-what"]', { hasText: /^Listed/ }),
      });
      expect(await lists.count()).toBeGreaterThan(0);
      for (const lines of await lists
        .getByTestId('access-log-what')
        .evaluateAll((spans) =>
          spans.map((span) => new Set([...span.getClientRects()].map((r) => Math.round(r.top))).size),
        ))
        expect(lines).toBe(1);
      expect(await lists.first().textContent()).toMatch(/Listed \d+ requests? \(/);
      // No sideways scrolling: the table fits the page.
      const overflow = await table.evaluate((el) => el.scrollWidth - (el.parentElement?.clientWidth ?? 0));
      expect(overflow).toBeLessThanOrEqual(1);
      expect(await seriousViolations(b.page)).toEqual([]);
      // Folded away again, the button says one of its filters is set.
      await more.click();
      await expect.poll(() => more.getAttribute('aria-expanded')).toBe('false');
      expect(await more.textContent()).toBe('More filters1');
      await expect.poll(() => b.page.getByTestId('access-log-lists').isVisible()).toBe(false);
      expect(await filterRows()).toBe(1);
      await screenshot(b.page, 'audit-access-log');
      await lists.first().getByTestId('access-log-details').click();
      const listed = b.page.getByTestId('access-log-listed');
      await listed.waitFor();
      expect(await listed.locator('li').count()).toBeGreaterThan(0);
      // What was done in words; the route the browser called is for IT, in the CSV.
      const details = await b.page.getByTestId('access-log-details-panel').textContent();
      expect(details).toMatch(/What was done: Listed \d+ requests? \(/);
      expect(details).not.toContain('/api/');
      await b.page.keyboard.press('Escape');

      // Who saw this request: its own reads, and the lists that showed it.
      await more.click();
      await b.page.getByTestId('access-log-instance').fill(instanceId);
      await expect
        .poll(async () => (await what.allTextContents()).some((t) => t.startsWith('Listed')))
        .toBe(true);
      const always = b.page.getByRole('switch', { name: 'Lists that showed this request' });
      expect(await always.isDisabled()).toBe(true);
      expect(await always.isChecked()).toBe(true);

      // On a narrow screen the filters wrap onto more rows, never off the side of the page.
      await b.page.setViewportSize({ width: 820, height: 800 });
      await expect.poll(filterRows).toBeGreaterThan(1);
      expect(await filters.evaluate((form) => form.scrollWidth - form.clientWidth)).toBeLessThanOrEqual(1);
    } finally {
      await b.close();
    }
  });
});
