import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { openBrowser, signIn } from './support/browser.ts';
import { look } from './support/look.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';
import { testNow } from './support/time-shift.ts';

/**
 * Signing out while holding an urgent task due within the hour asks first: hand it back to the pool
 * or keep it. Back to pool and sign out hands it back and signs out.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('signing out with an urgent task in hand', () => {
  it('reminds, and Back to pool and sign out hands it back to the pool', async () => {
    const assistant = await apiSession(server.url, 'medical-assistant', PASSWORD);
    const started = await assistant<{ instance: { active: { taskId: string }[] } }>('POST', '/requests', {
      definitionId: 'lab-result-release',
      data: { patient: 'DEMO-5301', test: 'Troponin' },
    });
    expect(started.status).toBe(201);
    const taskId = started.body.instance.active[0]!.taskId;
    const path = `/tasks/${encodeURIComponent(taskId)}`;
    expect((await assistant('POST', `${path}/claim`, {})).status).toBe(200);
    const lead = await apiSession(server.url, 'lead', PASSWORD);
    const due = new Date(testNow() + 30 * 60_000).toISOString();
    const made = await lead('POST', `${path}/reassign`, {
      due,
      priority: 'urgent',
      reason: 'Critical value',
    });
    expect(made.status).toBe(200);

    const a = await openBrowser({ width: 1366, height: 900 });
    try {
      await signIn(a.page, server.url, 'medical-assistant', PASSWORD);
      await a.page.getByTestId(`task-row-${taskId}`).waitFor();
      await a.page.getByTestId('sign-out').click();
      const text = a.page.getByTestId('sign-out-reminder-text');
      await text.waitFor();
      expect(await text.textContent()).toMatch(
        /^You still hold 1 urgent task due Today \d{1,2}:\d{2}( [AP]M)?: hand it back to the pool so a colleague can take it, or keep it\.$/,
      );
      // Named as the task's own button is, "Back to pool", not "Release".
      expect(await a.page.getByTestId('sign-out-release').textContent()).toBe('Back to pool and sign out');
      await a.page.waitForTimeout(500); // the dialog's fade-in, for the picture
      await look(a.page, 'sign-out-reminder');
      // Keep working: still signed in, the task still theirs.
      await a.page.getByTestId('sign-out-keep-working').click();
      await text.waitFor({ state: 'detached' });
      await a.page.getByTestId('sign-out').click();
      await a.page.getByTestId('sign-out-release').click();
      await a.page
        .getByRole('button', { name: /sign in/i })
        .first()
        .waitFor({ timeout: 20_000 });
    } finally {
      await a.close();
    }
    const read = await assistant<{ task: { assignee: string | null } }>('GET', path);
    expect(read.body.task.assignee).toBeNull();
  }, 120_000);
});
