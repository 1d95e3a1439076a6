import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe.ts';
import { openBrowser, signIn } from './support/browser.ts';
import { heldLabResult, moveDeadline } from './support/held-task.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';
import { testNow } from './support/time-shift.ts';

/**
 * A task the medical assistant holds nears its deadline: the server's deadline worker reminds them —
 * their bell gets a "Due soon" item that opens the task, and the task's row says Due soon — without
 * their reloading the page. Gone from the bell once they hand the task back.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

const WIDE = { width: 1366, height: 900 };
const MINUTE = 60_000;

describe('a reminder before a deadline', () => {
  it('the holder’s bell and task row say the task is due soon', async () => {
    const { assistant, taskId, path } = await heldLabResult(server.url, {
      patient: 'DEMO-5102',
      test: 'CMP',
    });

    const a = await openBrowser(WIDE);
    try {
      const page: Page = a.page;
      await signIn(page, server.url, 'medical-assistant', PASSWORD);
      const row = page.getByTestId(`task-row-${taskId}`);
      await row.waitFor();
      expect(await row.getByTestId('task-row-due-soon').count()).toBe(0);

      // A lead brings the deadline within the half hour: the next pass of the deadline worker reminds.
      await moveDeadline(server.url, path, testNow() + 20 * MINUTE, 'Needed before the 2 pm call');
      await row.getByTestId('task-row-due-soon').waitFor({ timeout: 30_000 });
      expect(await row.getByTestId('task-row-due-soon').textContent()).toBe('Due soon');

      const unread = await assistant<{ notifications: { id: string; kind: string; taskId: string }[] }>(
        'GET',
        '/notifications?unread=true',
      );
      const reminder = unread.body.notifications.find((n) => n.kind === 'due-soon' && n.taskId === taskId);
      expect(reminder).toBeTruthy();

      await page.getByTestId('notification-bell').click();
      const item = page.getByTestId(`notification-item-${reminder!.id}`);
      await item.waitFor();
      expect(await item.textContent()).toContain(
        'Due soon: finish it or put it back in the pool before its deadline',
      );
      expect(await seriousViolations(page)).toEqual([]);
      await item.click();
      await page.locator(`[data-testid="task-panel"][data-task-id="${taskId}"]`).waitFor();

      // Handed back to the pool: the reminder has nothing left to say, and leaves the bell.
      expect((await assistant('POST', `${path}/release`, {})).status).toBe(200);
      const after = await assistant<{ notifications: { id: string }[] }>('GET', '/notifications');
      expect(after.body.notifications.map((n) => n.id)).not.toContain(reminder!.id);
    } finally {
      await a.close();
    }
  }, 180_000);
});
