import { DEMO_PEOPLE } from '@portalflow/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { seriousViolations } from './support/axe.ts';
import { openBrowser, screenshot, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * A lead plans a regular refresher for the medical assistant's role ("Every workflow of the role"):
 * the role works two workflows. After one practice run of one of them, the assistant's page still asks
 * for the other, and the lead sees which one she has done and which not.
 */
const TRIAGE = 'portal-message-triage';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

describe('a regular refresher for every workflow of the role', () => {
  it('asks for each workflow until each is practised, and shows the lead which are done', async () => {
    const lead = await apiSession(server.url, 'lead', PASSWORD);
    expect(
      (await lead('POST', '/refresher-schedules', { role: 'medical-assistant', everyDays: 90 })).status,
    ).toBe(201);

    // One practice run of triage, played to its end.
    const ma = await apiSession(server.url, 'medical-assistant', PASSWORD);
    const started = await ma<{ instance: { active: { taskId: string }[] } }>('POST', '/instances', {
      definitionId: TRIAGE,
      practice: true,
      data: { patient: 'DEMO-9001', category: 'other', message: 'Practice: a question' },
    });
    expect(started.status).toBe(201);
    const taskId = started.body.instance.active[0]!.taskId;
    const done = await ma('POST', `/tasks/${encodeURIComponent(taskId)}/complete`, {
      outcome: 'no-reply-needed',
      data: { topic: 'other', redFlags: false },
    });
    expect(done.status).toBe(200);

    const b = await openBrowser({ width: 1366, height: 900 });
    try {
      const { page } = b;
      await signIn(page, server.url, 'medical-assistant', PASSWORD);
      await page.goto(`${server.url}/refresher`);
      const item = page.getByTestId('periodic-item');
      await item.waitFor();
      expect(await page.getByTestId('refresher-up-to-date').count()).toBe(0);
      const rows = item.getByTestId('periodic-workflow');
      expect(await rows.count()).toBe(2);
      const triage = rows.filter({ hasText: 'Patient portal message triage' });
      expect(await triage.getAttribute('data-due')).toBe('false');
      expect(await triage.textContent()).toMatch(/practised Today .* · next due/);
      const lab = rows.filter({ hasText: 'Lab result' });
      expect(await lab.getAttribute('data-due')).toBe('true');
      expect(await lab.textContent()).toContain('not practised yet');
      expect(await lab.getByRole('button', { name: 'Start the practice run' }).count()).toBe(1);
      expect(await triage.getByRole('button').count()).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'refresher-every-workflow-staff');
    } finally {
      await b.close();
    }

    const l = await openBrowser({ width: 1366, height: 900 });
    try {
      const { page } = l;
      await signIn(page, server.url, 'lead', PASSWORD);
      await page.goto(`${server.url}/refreshers`);
      const row = page.getByTestId('schedule-row').filter({ hasText: 'each workflow of the role' });
      await row.waitFor();
      const person = row
        .getByTestId('schedule-person')
        .filter({ hasText: DEMO_PEOPLE['medical-assistant']! });
      expect(await person.textContent()).toContain(`${DEMO_PEOPLE['medical-assistant']}: due`);
      const workflows = person.getByTestId('schedule-person-workflow');
      expect(await workflows.filter({ hasText: 'Patient portal message triage' }).textContent()).toMatch(
        /✓ Patient portal message triage: practised Today/,
      );
      expect(await workflows.filter({ hasText: 'Lab result' }).textContent()).toMatch(
        /○ Lab result .*: not practised yet/,
      );
      await row.scrollIntoViewIfNeeded();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'refresher-every-workflow-lead');
    } finally {
      await l.close();
    }
  });
});
