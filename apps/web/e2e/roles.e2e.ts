import { DEMO_PEOPLE } from '@portalflow/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { seriousViolations } from './support/axe.ts';
import { dismissToasts, openBrowser, screenshot, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * Roles, sign-off and refreshers end to end: a lead signs off the medical assistant's job
 * description, publishes a triage change that gives the sort step two business days, sees the role
 * flagged with exactly that change, then publishes three days. The medical assistant, who missed both,
 * sees one "what changed for you" (version 1 against version 3), reads it and finishes a practice run;
 * the lead sees it done. Then the handbook, printed.
 */
const TRIAGE = 'portal-message-triage';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('roles, refreshers and the handbook', () => {
  it('lead signs off, publishes a change, staff does the refresher, lead sees it done', async () => {
    const lead = await openBrowser({ width: 1366, height: 900 });
    const staff = await openBrowser({ width: 1366, height: 900 });
    try {
      const page = lead.page;
      await signIn(page, server.url, 'lead', PASSWORD);
      await page.getByRole('link', { name: 'Roles' }).click();
      await page.getByTestId('role-table').waitFor();
      await page.locator('[data-testid="role-row"][data-role="medical-assistant"]').waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'roles-catalog');

      await page.getByRole('link', { name: 'Medical assistant (care-team pool)' }).click();
      await page.getByTestId('job-description').waitFor();
      expect(await page.getByTestId('approval-state').getAttribute('data-state')).toBe('not-approved');
      await expect
        .poll(() => page.getByTestId('job-description').textContent())
        .toContain('Sort the portal message');
      await page.getByTestId('job-text-reports-to').fill('Nurse manager');
      await page.getByTestId('job-text-languages').fill('English, Spanish');
      await page.getByTestId('job-text-save').click();
      await page.getByText('Reports to:').first().waitFor();
      await page.getByTestId('approve-role').click();
      await page.locator('[data-testid="approval-state"][data-state="approved"]').waitFor();
      await page.getByTestId('approved-by').waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await dismissToasts(page);
      await screenshot(page, 'job-description');

      // The triage nurse is signed off too: the change below must leave that role alone.
      const api = await apiSession(server.url, 'lead', PASSWORD);
      const nurse = await api<{ fingerprint: string }>('GET', '/roles/triage-nurse');
      expect(
        (await api('POST', '/roles/triage-nurse/approve', { fingerprint: nurse.body.fingerprint })).status,
      ).toBe(200);

      // Publish a change: the medical assistant gets two business days to sort a message.
      const publishSortDeadline = async (after: string) => {
        const current = await api<{
          draft: { revision: number };
          latest: { definition: { steps: Record<string, { deadline: { after: string } }> } };
        }>('GET', `/definitions/${TRIAGE}`);
        const definition = structuredClone(current.body.latest.definition);
        definition.steps['sort-message']!.deadline.after = after;
        expect(
          (await api('PUT', `/definitions/${TRIAGE}`, { definition, revision: current.body.draft.revision }))
            .status,
        ).toBe(200);
        expect((await api('POST', `/definitions/${TRIAGE}/publish`, {})).status).toBe(200);
      };
      await publishSortDeadline('P2D');

      await page.reload();
      await page.locator('[data-testid="approval-state"][data-state="needs-reapproval"]').waitFor();
      const changes = await page.getByTestId('reapproval-changes').textContent();
      expect(changes).toContain('Deadlines');
      expect(changes).toContain(
        '1 business day, then to Nurse manager → 2 business days, then to Nurse manager',
      );
      await screenshot(page, 'role-needs-reapproval');
      await page.goto(`${server.url}/roles`);
      await page.getByTestId('role-table').waitFor();
      const state = (role: string) =>
        page
          .locator(`[data-testid="role-row"][data-role="${role}"] [data-testid="approval-state"]`)
          .getAttribute('data-state');
      expect(await state('medical-assistant')).toBe('needs-reapproval');
      expect(await state('triage-nurse')).toBe('approved');

      // A second change before the medical assistant got to the first: three business days.
      await publishSortDeadline('P3D');

      // Staff: "what changed for you" in My work, then the refresher page: one refresher, version 1
      // compared with version 3 (not one for each version).
      const s = staff.page;
      await signIn(s, server.url, 'medical-assistant', PASSWORD);
      await s.getByTestId('refresher-card').waitFor();
      expect(await seriousViolations(s)).toEqual([]);
      const card = await s.getByTestId('refresher-card').textContent();
      expect(card).toContain('Patient portal message triage');
      expect(card).not.toContain('refreshers to do');
      expect(card).toContain('since version 1');
      await screenshot(s, 'refresher-card');
      await s.getByTestId('refresher-card-open').click();
      const item = s.locator('[data-testid="refresher-item"][data-role="medical-assistant"]');
      await item.waitFor();
      expect(await s.getByTestId('refresher-item').count()).toBe(1);
      const what = await item.textContent();
      expect(what).toContain('since version 1');
      expect(what).toContain(
        '1 business day, then to Nurse manager → 3 business days, then to Nurse manager',
      );
      expect(what).not.toContain('2 business days');
      expect(await seriousViolations(s)).toEqual([]);
      await screenshot(s, 'refresher-what-changed');
      await s.getByTestId('refresher-acknowledge').click();
      await s.getByRole('button', { name: 'Read', exact: true }).waitFor();

      // The practice run opens its first task in My work; finish it there.
      await s.getByTestId('refresher-practice').click();
      await s.getByTestId('my-work').waitFor();
      await s.getByTestId('claim-button').click();
      await s.getByTestId('task-form').waitFor();
      await s.getByTestId('form-field-topic').click();
      await s.getByRole('option', { name: 'other' }).click();
      await s.getByTestId('form-field-redFlags').getByText('No', { exact: true }).click();
      await s.getByTestId('outcome-button-no-reply-needed').click();
      await s
        .getByText(/Completed/)
        .first()
        .waitFor();
      await s
        .getByRole('link', { name: 'Review and practise' })
        .waitFor({ state: 'detached', timeout: 15_000 });
      await s.goto(`${server.url}/refresher`);
      await s.getByTestId('refresher-up-to-date').waitFor();
      await s.getByTestId('refresher-done').waitFor();
      await screenshot(s, 'refresher-done');

      // The lead sees who has done it.
      await page.getByRole('link', { name: 'Training' }).click();
      const row = page.locator('[data-testid="refresher-row"][data-role="medical-assistant"]');
      await row.waitFor();
      await row
        .locator('[data-testid="refresher-person"][data-username="medical-assistant"][data-done="true"]')
        .waitFor();
      await page
        .locator('[data-testid="refresher-row"][data-role="nurse-manager"] [data-done="false"]')
        .waitFor();
      expect(await page.locator('[data-testid="refresher-row"]').count()).toBe(2);
      // The nurse manager has not caught up: what changed since version 1, for them, in one list.
      const manager = page.locator('[data-testid="refresher-row"][data-role="nurse-manager"]');
      expect(await manager.getByTestId('refresher-comparison').count()).toBe(1);
      expect(await manager.getByTestId('refresher-comparison').textContent()).toContain(
        'What changed since version 1 (versions 2 and 3',
      );
      expect(await row.getByTestId('refresher-comparison').count()).toBe(0);
      await manager.getByTestId('refresher-comparison').locator('summary').click();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'refresher-training-changes');
      // A regular refresher: every 30 days for the triage workflow.
      await page.getByTestId('schedule-workflow').click();
      await page.getByRole('option', { name: 'Patient portal message triage' }).click();
      await page.getByTestId('schedule-days').fill('30');
      await page.getByTestId('schedule-add').click();
      const schedule = page.getByTestId('schedule-row');
      await schedule.waitFor();
      await expect
        .poll(() => schedule.textContent())
        .toContain('Every 30 days: Patient portal message triage');
      expect(await schedule.textContent()).toContain(`${DEMO_PEOPLE['triage-nurse']}: due`);
      expect(await schedule.textContent()).toContain(`${DEMO_PEOPLE['medical-assistant']}: next`);
      // Practice on real requests: each cell marked as little practice exactly when under 3.
      const practice = page.getByTestId('real-practice');
      await practice.getByTestId('real-practice-role').first().waitFor();
      const cells = await practice
        .locator('td[data-count]')
        .evaluateAll((tds) => tds.map((td) => [Number(td.getAttribute('data-count')), td.textContent ?? '']));
      expect(cells.length).toBeGreaterThan(0);
      for (const [count, text] of cells)
        expect(String(text).includes('little practice')).toBe(Number(count) < 3);
      // A lead plans a refresher for a role with little practice: the form below starts from that role.
      const planned = practice
        .getByTestId('real-practice-role')
        .filter({ has: page.getByTestId('real-practice-plan') });
      const roleName = (await planned.first().locator('p').first().textContent())!;
      await planned.first().getByTestId('real-practice-plan').click();
      await expect.poll(() => page.getByTestId('schedule-role').inputValue()).toBe(roleName);
      expect(await page.getByTestId('schedule-days').evaluate((el) => el === document.activeElement)).toBe(
        true,
      );
      expect(await seriousViolations(page)).toEqual([]);
      await dismissToasts(page);
      await page.evaluate(() => window.scrollTo(0, 0));
      await screenshot(page, 'refresher-training');
    } finally {
      await lead.close();
      await staff.close();
    }
  });

  it('the handbook shows diagram, steps and changes, and prints', async () => {
    const b = await openBrowser({ width: 1280, height: 900 });
    try {
      const page = b.page;
      await signIn(page, server.url, 'front-desk', PASSWORD);
      await page.getByRole('link', { name: 'Handbook' }).click();
      await page.getByRole('link', { name: 'Patient portal message triage' }).click();
      await page.getByTestId('handbook-page').waitFor();
      await page.getByTestId('handbook-diagram').waitFor();
      const steps = await page.getByTestId('handbook-step').count();
      expect(steps).toBeGreaterThan(8);
      expect(await page.getByTestId('handbook-changes').textContent()).toContain('Since version 2');
      // What each task records, and when an answer is needed.
      expect(await page.getByTestId('handbook-records-sort-message').textContent()).toMatch(
        /^Records: .*Topic \(always needed\)/,
      );
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'handbook');

      // The server's SVG parses as XML and names every lane.
      const parsed = await page.evaluate(async (url) => {
        const text = await (await fetch(url)).text();
        const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
        return {
          error: doc.getElementsByTagName('parsererror').length,
          lanes: [...doc.querySelectorAll('g[data-lane-band] > title')].map((t) => t.textContent),
        };
      }, `${server.url}/api/handbook/${TRIAGE}/2?format=svg`);
      expect(parsed.error).toBe(0);
      expect(parsed.lanes).toContain('Triage nurse (RN)');

      await page.emulateMedia({ media: 'print' });
      expect(await page.getByTestId('handbook-svg').isVisible()).toBe(true);
      expect(await page.getByRole('button', { name: 'Print' }).isVisible()).toBe(false);
      expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(false);
      await screenshot(page, 'handbook-print', { fullPage: true, keepToasts: true });
      await page.emulateMedia({ media: 'screen' });
    } finally {
      await b.close();
    }
  });

  it('a lead goes from Workflows to the Handbook and back: each screen opens with its list', async () => {
    const b = await openBrowser();
    try {
      const { page } = b;
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await signIn(page, server.url, 'lead', PASSWORD);
      await page.getByRole('link', { name: 'Workflows' }).click();
      await page.getByTestId('workflows-page').getByRole('link').first().waitFor();
      // Screens that list the same workflows share what was loaded, in one shape.
      await page.getByRole('link', { name: 'Handbook' }).click();
      await page.getByTestId('handbook-index').getByTestId('handbook-link').first().waitFor();
      expect(await page.getByText('This screen could not be opened').count()).toBe(0);
      // Versions as numbers under "Version", never "v1".
      for (const version of await page.getByTestId('handbook-version').allTextContents())
        expect(version).toMatch(/^\d+$/);
      expect(await page.getByTestId('handbook-version').count()).toBeGreaterThan(0);
      await page.getByRole('link', { name: 'Workflows' }).click();
      await page.getByTestId('workflows-page').getByRole('link').first().waitFor();
      expect(errors).toEqual([]);
    } finally {
      await b.close();
    }
  });
});
