import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * A lead's reassignment and cancel read in the replay as done "as Operations lead", as a colleague's
 * work reads in their role: the auditor sees under which role each person acted.
 */
let server: TestServer;
let id = '';

beforeAll(async () => {
  server = await startTestServer();
  const lead = await apiSession(server.url, 'lead', PASSWORD);
  const started = await lead<{ instance: { id: string; active: Array<{ taskId: string }> } }>(
    'POST',
    '/instances',
    {
      definitionId: 'prescription-refill',
      data: { patient: 'DEMO-3101', medication: 'lisinopril', source: 'portal' },
    },
  );
  expect(started.status, JSON.stringify(started.body)).toBe(201);
  id = started.body.instance.id;
  const task = started.body.instance.active[0]!.taskId;
  const moved = await lead('POST', `/tasks/${encodeURIComponent(task)}/reassign`, { priority: 'high' });
  expect(moved.status, JSON.stringify(moved.body)).toBe(200);
  const cancelled = await lead('POST', `/instances/${id}/cancel`, { reason: 'Ordered twice' });
  expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
});
afterAll(async () => {
  await server?.stop();
});

describe('the role a lead acted in, in the replay', () => {
  it('reads “as Operations lead” on the lead’s reassignment and cancel', async () => {
    const { page, close } = await openBrowser({ width: 1440, height: 900 });
    try {
      await signIn(page, server.url, 'auditor', PASSWORD);
      await page.goto(`${server.url}/audit/instances/${id}`);
      await page.getByTestId('verify-badge').waitFor();
      const entry = (seq: number) => page.getByTestId(`timeline-entry-${seq}`).textContent();
      expect(await entry(2)).toMatch(/reassigned/i);
      expect(await entry(2)).toContain('as Operations lead');
      expect(await entry(3)).toMatch(/cancelled/i);
      expect(await entry(3)).toContain('as Operations lead');
    } finally {
      await close();
    }
  });
});
