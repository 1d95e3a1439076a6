import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { seriousViolations } from './support/axe.ts';
import { openBrowser, signIn } from './support/browser.ts';
import { publishDeadline } from './support/deadline-change.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * "What changed for you" speaks of the task the person has open. A lead gives the medical assistant two
 * business days to sort a portal message; a message that came in before still runs on the version it
 * started on, with one business day. With that message open, the banner says the task runs on the
 * earlier version, not that it changed; with a message that came in since, it says what changed.
 */
const TRIAGE = 'portal-message-triage';
const TITLE = 'Patient portal message triage';
const ROLE = 'Medical assistant (care-team pool)';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

type Started = { instance: { version: number; active: { taskId: string }[] } };

async function openTask(page: Page, taskId: string) {
  await page.goto(`${server.url}/work?task=${encodeURIComponent(taskId)}`);
  await page.locator(`[data-testid="task-panel"][data-task-id="${taskId}"]`).waitFor();
}

describe('"What changed for you" above a task', () => {
  it('says a task on the earlier version runs on it, and speaks of the change only for a task on the new one', async () => {
    const ma = await apiSession(server.url, 'medical-assistant', PASSWORD);
    const message = (patient: string) =>
      ma<Started>('POST', '/requests', {
        definitionId: TRIAGE,
        data: { patient, category: 'medical-question', message: 'Is the new dose taken with food?' },
      });
    const before = await message('DEMO-5301');
    expect(before.status, JSON.stringify(before.body)).toBe(201);
    const earlier = before.body.instance.version;

    await publishDeadline(server.url, TRIAGE, 'sort-message', 'P2D');
    const latest = earlier + 1;

    const after = await message('DEMO-5302');
    expect(after.status, JSON.stringify(after.body)).toBe(201);
    expect(after.body.instance.version).toBe(latest);

    const b = await openBrowser({ width: 1366, height: 900 });
    try {
      const { page } = b;
      await signIn(page, server.url, 'medical-assistant', PASSWORD);
      const card = page.getByTestId('refresher-card');

      // The message that came in before the change: its task runs as it did.
      await openTask(page, before.body.instance.active[0]!.taskId);
      await expect
        .poll(() => card.textContent(), { timeout: 15_000 })
        .toContain(`This task runs on version ${earlier} of ${TITLE}`);
      const old = (await card.textContent()) ?? '';
      expect(old).toContain(
        `What changed for ${ROLE} in version ${latest} applies to requests started on it`,
      );
      expect(old).not.toContain(`${TITLE} changed for`);
      expect(await seriousViolations(page)).toEqual([]);

      // The message that came in since: the change applies to it.
      await openTask(page, after.body.instance.active[0]!.taskId);
      await expect
        .poll(() => card.textContent(), { timeout: 15_000 })
        .toContain(`${TITLE} changed for ${ROLE} since version ${earlier}`);
      expect(await card.textContent()).toContain(`This task runs on version ${latest}, with the change.`);
      expect(await card.textContent()).not.toContain('earlier version');
    } finally {
      await b.close();
    }
  }, 180_000);
});
