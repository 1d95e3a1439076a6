import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { seriousViolations } from './support/axe.ts';
import { openBrowser, screenshot, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

let server: TestServer;
let instanceId: string;

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
  expect((await ma('POST', `/tasks/${task.id}/claim`)).status).toBe(200);
  expect((await ma('POST', `/tasks/${task.id}/release`)).status).toBe(200);
  expect((await ma('POST', `/tasks/${task.id}/claim`)).status).toBe(200);
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
    (await ma('POST', `/tasks/${task.id}/complete`, { outcome: detail.body.step.outcomes[0], data })).status,
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
      await screenshot(b.page, 'audit-search');

      await b.page.getByTestId(`audit-open-${instanceId}`).click();
      await b.page.getByTestId('audit-timeline').waitFor();
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
      await screenshot(b.page, 'audit-replay');
      expect(b.page.url()).not.toContain('DEMO-');
      // The instance data, opened on purpose, reads as staff saw it: the form's labels, in its order.
      await b.page.getByTestId('instance-data-toggle').click();
      const rows = b.page.getByTestId('instance-data-table').locator('tbody tr');
      await rows.first().waitFor();
      expect(await rows.first().locator('td').first().textContent()).toBe('Patient referencepatient');
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
      await expect
        .poll(() => b.page.locator('[data-testid="access-log-table"] tbody tr').count())
        .toBeGreaterThan(0);
      expect(await seriousViolations(b.page)).toEqual([]);
      await screenshot(b.page, 'audit-access-log');
    } finally {
      await b.close();
    }
  });
});
