import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, signIn } from './support/browser.ts';
import { heldLabResult, moveDeadline } from './support/held-task.ts';
import { look } from './support/look.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';
import { testNow } from './support/time-shift.ts';

/**
 * A deadline takes a task away from the person who has it open: the panel says in words that its
 * deadline passed and it went to the Nurse manager pool, the note they were typing is kept to copy, and
 * their bell has an item that opens the same explanation.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

const WIDE = { width: 1366, height: 900 };
const TYPED = 'Called the lab, waiting on the corrected report.';

describe('a task escalated away from its holder', () => {
  it('the panel says what happened, keeps the typed note, and the bell tells them', async () => {
    const { taskId, path } = await heldLabResult(server.url, { patient: 'DEMO-5101', test: 'CBC' });

    const a = await openBrowser(WIDE);
    try {
      await signIn(a.page, server.url, 'medical-assistant', PASSWORD);
      await a.page.getByTestId(`task-row-${taskId}`).click();
      await a.page.locator(`[data-testid="task-panel"][data-task-id="${taskId}"]`).waitFor();
      await a.page.getByTestId('task-note').fill(TYPED);

      // The deadline, moved a few seconds ahead by a lead, passes while the task is open here.
      await moveDeadline(server.url, path, testNow() + 4_000, 'Due now');

      const said = a.page.getByTestId('task-unavailable');
      await said.waitFor({ timeout: 30_000 });
      await expect.poll(() => said.textContent(), { timeout: 30_000 }).toContain('This task was escalated');
      const text = (await said.textContent()) ?? '';
      expect(text).toMatch(
        /Its deadline, Today \d{1,2}:\d{2}( [AP]M)?, passed; it went to the Nurse manager pool\./,
      );
      expect(text).toContain('It is waiting there for someone to claim it.');
      expect(text).not.toContain('DEMO-5101');
      expect(await a.page.getByTestId('note-kept').getByRole('textbox').inputValue()).toBe(TYPED);
      await look(a.page, 'escalated-away-panel');

      // The bell: an item for the person it was taken from, which opens the same explanation.
      const bell = a.page.getByTestId('notification-bell');
      await expect
        .poll(() => bell.getAttribute('aria-label'), { timeout: 70_000 })
        .toBe('Notifications, 1 unread');
      await bell.click();
      const item = a.page
        .getByTestId('notification-list')
        .getByText('Deadline passed: it went to another role');
      await item.waitFor();
      await look(a.page, 'escalated-away-bell');
      await item.click();
      await expect
        .poll(() => a.page.getByTestId('task-unavailable').textContent())
        .toContain('Nurse manager pool');

      // The email's "Open it" link lands on the same explanation, not a bare refusal.
      await a.page.goto(`${server.url}/work?task=${encodeURIComponent(taskId)}`);
      await expect
        .poll(() => a.page.getByTestId('task-unavailable').textContent(), { timeout: 20_000 })
        .toContain('This task was escalated');
    } finally {
      await a.close();
    }
  }, 180_000);
});
