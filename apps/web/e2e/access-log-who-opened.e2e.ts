import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { openBrowser, screenshot, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * The auditor's question "who looked at this patient?": from a request's replay, "Who opened this
 * request" opens the access log narrowed to it, a staff member's repeated opening of its task reads as
 * one row with a count, and the log narrows to the patient by chart number without the chart number
 * ever reaching the page's address.
 */
let server: TestServer;
let instanceId: string;
let patient: string;

beforeAll(async () => {
  server = await startTestServer();
  const ma = await apiSession(server.url, 'medical-assistant', PASSWORD);
  const pool = await ma<{ items: Array<{ id: string; instanceId: string }> }>('GET', '/tasks?scope=pool');
  const task = pool.body.items[0]!;
  instanceId = task.instanceId;
  const opened = await ma<{ instance: { data: Record<string, unknown> } }>('GET', `/instances/${instanceId}`);
  patient = String(opened.body.instance.data.patient);
  expect(patient).toMatch(/^DEMO-/);
  // The task page asked for the same things three times over (opened, refetched, opened again).
  for (let i = 0; i < 3; i++) {
    expect((await ma('GET', `/tasks/${task.id}`)).status).toBe(200);
    expect((await ma('GET', `/instances/${instanceId}/history?values=true`)).status).toBe(200);
  }
  expect((await ma('POST', `/tasks/${task.id}/claim`)).status).toBe(200);
  expect((await ma('POST', `/tasks/${task.id}/release`)).status).toBe(200);
});
afterAll(async () => {
  await server?.stop();
});

describe('who opened this request', () => {
  it('from the replay to the request’s access log, then to the patient’s, the chart number never in the address', async () => {
    const b = await openBrowser({ width: 1366, height: 1000 });
    try {
      const asked: string[] = [];
      const bodies: string[] = [];
      b.page.on('request', (req) => {
        asked.push(req.url());
        if (req.method() === 'POST') bodies.push(req.postData() ?? '');
      });
      await signIn(b.page, server.url, 'auditor', PASSWORD);
      await b.page.goto(`${server.url}/audit/instances/${instanceId}?at=1`);
      await b.page.getByTestId('audit-replay').waitFor();
      // Stepping forward asks the server nothing more: the state after every event came at once.
      const forward = b.page.getByTestId('scrubber-forward');
      for (let i = 0; i < 2; i++) {
        await forward.click();
        await b.page.waitForTimeout(200);
      }
      await expect.poll(() => b.page.getByTestId('scrubber-caption').textContent()).toMatch(/^Event 3 of 3/);
      const replays = asked.filter((u) => /\/api\/instances\/[^/]+\/(states|replay)/.test(u));
      expect(replays).toHaveLength(1);

      await b.page.getByRole('link', { name: 'Who opened this request' }).click();
      await b.page.waitForURL(/\/audit\/access-log\?instance=/);
      const about = b.page.getByTestId('access-log-about');
      await expect.poll(() => about.textContent()).toMatch(new RegExp(`^Who opened .+ · ${patient}`));
      const what = b.page.getByTestId('access-log-what');
      await expect.poll(async () => (await what.allTextContents()).length).toBeGreaterThan(0);
      const lines = await what.allTextContents();
      // The staff member's three openings of the task: one row, three times.
      const openedRows = b.page.locator('[data-testid="access-log-table"] tbody tr', {
        has: b.page.locator('[data-testid="access-log-what"]', { hasText: /^Opened '/ }),
      });
      expect(await openedRows.count()).toBe(1);
      expect(await openedRows.getByTestId('access-log-repeats').textContent()).toMatch(/^3 times/);
      // The replay stepped through: one row.
      expect(lines.filter((l) => l.startsWith('Replayed the history'))).toHaveLength(1);
      await screenshot(b.page, 'audit-who-opened');

      // Every request of this patient, by the chart number as staff type it.
      await b.page.getByRole('button', { name: 'Show every request' }).click();
      await b.page.getByTestId('access-log-patient').fill(patient.toLowerCase());
      await expect
        .poll(async () =>
          (await what.allTextContents()).some((t) => t.startsWith('Read the access log of one patient')),
        )
        .toBe(true);
      const narrowed = await what.allTextContents();
      expect(narrowed.some((t) => t.startsWith("Opened '"))).toBe(true);
      expect(narrowed.filter((t) => /· DEMO-/.test(t)).every((t) => t.includes(patient))).toBe(true);
      expect(b.page.url().toUpperCase()).not.toContain(patient);
      for (const url of asked) expect(url.toUpperCase()).not.toContain(patient);
      expect(bodies.some((body) => body.includes(patient.toLowerCase()))).toBe(true);
      await screenshot(b.page, 'audit-access-log-patient');
    } finally {
      await b.close();
    }
  });
});
