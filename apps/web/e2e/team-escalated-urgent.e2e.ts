import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { openBrowser, screenshot, signIn } from './support/browser.ts';
import { publishDeadline } from './support/deadline-change.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * On Team at a laptop's 1366 px, an urgent call that ran past its deadline carries both the Escalated
 * and the Urgent badge: the request's name and the task's title read whole, the badges under them.
 */
const TRIAGE = 'portal-message-triage';

let server: TestServer;
let taskId = '';
beforeAll(async () => {
  server = await startTestServer();
  // The phone call's deadline runs out while the test waits, as it did at 5:10 PM on the walk.
  const lead = await publishDeadline(server.url, TRIAGE, 'urgent-call', 'PT2S');

  const ma = await apiSession(server.url, 'medical-assistant', PASSWORD);
  const started = await ma<{ instance: { id: string; active: Array<{ taskId: string }> } }>(
    'POST',
    '/requests',
    {
      definitionId: TRIAGE,
      data: { patient: 'DEMO-5101', category: 'medical-question', message: 'Chest pain since this morning.' },
    },
  );
  expect(started.status).toBe(201);
  const sort = encodeURIComponent(started.body.instance.active[0]!.taskId);
  expect((await ma('POST', `/tasks/${sort}/claim`)).status).toBe(200);
  const done = await ma('POST', `/tasks/${sort}/complete`, {
    outcome: 'sorted',
    data: { topic: 'medical-question', redFlags: true },
  });
  expect(done.status).toBe(200);
  const instanceId = started.body.instance.id;
  for (let i = 0; i < 60 && !taskId; i++) {
    const all = await lead<{ items: Array<{ id: string; instanceId: string; escalated: boolean }> }>(
      'GET',
      '/tasks?scope=all',
    );
    taskId = all.body.items.find((t) => t.instanceId === instanceId && t.escalated)?.id ?? '';
    if (!taskId) await new Promise((r) => setTimeout(r, 500));
  }
  expect(taskId).not.toBe('');
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

describe('an escalated urgent task on Team', () => {
  it('reads whole, both badges on a line under it, at 1366 px', async () => {
    const b = await openBrowser({ width: 1366, height: 900 });
    try {
      const { page } = b;
      await signIn(page, server.url, 'lead', PASSWORD);
      await page.getByRole('link', { name: 'Team' }).click();
      const row = page.getByTestId(`team-row-${taskId}`);
      await row.waitFor();
      await row.getByText('Escalated').waitFor();
      await row.getByText('Urgent').waitFor();
      await row.scrollIntoViewIfNeeded();
      await screenshot(page, 'team-escalated-urgent-1366');
      expect(await row.getByTestId('team-row-subject').textContent()).toMatch(
        /^DEMO-5101 · Message: Medical question$/i,
      );
      const cut = await row
        .locator('td:nth-child(2) p')
        .evaluateAll((texts) =>
          texts
            .filter((p) => p.scrollHeight > p.clientHeight + 1 || p.scrollWidth > p.clientWidth + 1)
            .map((p) => p.textContent),
        );
      expect(cut).toEqual([]);
      // The badges take a line of their own, not the name's width: the name reads on one line or two,
      // not three words a line in a narrow strip beside them.
      const lines = await row.getByTestId('team-row-subject').evaluate((el) => {
        const range = document.createRange();
        range.selectNodeContents(el);
        return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
      });
      expect(lines).toBeLessThanOrEqual(2);
      expect(await row.getByText('Phone the patient about red-flag symptoms').isVisible()).toBe(true);
    } finally {
      await b.close();
    }
  });
});
