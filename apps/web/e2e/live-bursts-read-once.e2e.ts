import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * A lead moves every open task at once (an absent team's work to another pool): one live word per
 * request, dozens in a moment. Each open screen reads its task list again once or twice for the
 * burst, not once per word: with twenty screens open, a read per word was hundreds of list reads.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

/** The lead's Team page, open and settled; then how many times it reads its task list. */
async function teamListReads(page: Page): Promise<() => number> {
  await signIn(page, server.url, 'lead', PASSWORD);
  await page.goto(`${server.url}/team`);
  await page.getByTestId('team-table').waitFor();
  await page.waitForTimeout(1000);
  let reads = 0;
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === '/api/tasks' && r.method() === 'GET') reads++;
  });
  return () => reads;
}

describe('a burst of changes', () => {
  it('is read once or twice by an open Team page, not once per request', async () => {
    const lead = await apiSession(server.url, 'lead', PASSWORD);
    const open = await lead<{ items: Array<{ id: string }> }>('GET', '/tasks?scope=all&limit=500');
    const ids = open.body.items.map((t) => t.id);
    expect(ids.length).toBeGreaterThanOrEqual(20);

    const b = await openBrowser({ width: 1440, height: 900 });
    try {
      const { page } = b;
      const reads = await teamListReads(page);
      const moved = await lead<{ results: Array<{ ok: boolean }> }>('POST', '/tasks/reassign', {
        taskIds: ids,
        role: 'practice-manager',
        assignee: null,
        reason: 'Front office closed for the afternoon',
      });
      expect(moved.status).toBe(200);
      // (The practice manager takes the work of the workflows they have a lane in.)
      const n = moved.body.results.filter((r) => r.ok).length;
      expect(n).toBeGreaterThanOrEqual(6);
      // The table shows them all in the practice manager's pool.
      await page
        .getByTestId('team-table')
        .getByText('Practice manager')
        .nth(n - 1)
        .waitFor({ timeout: 10_000 });
      await page.waitForTimeout(1500);
      expect(reads()).toBeGreaterThanOrEqual(1);
      expect(reads()).toBeLessThanOrEqual(3);
    } finally {
      await b.close();
    }
  });

  it('changes arriving one after another for half a second are read once they stop', async () => {
    // Eight separate requests, a moment apart (as a busy server commits a batch one by one): the list
    // is read when the changes stop, not every 150 ms while they keep coming.
    const desk = await apiSession(server.url, 'front-desk', PASSWORD);
    const b = await openBrowser({ width: 1440, height: 900 });
    try {
      const { page } = b;
      const reads = await teamListReads(page);
      for (let i = 0; i < 8; i++) {
        const started = await desk('POST', '/requests', {
          definitionId: 'prescription-refill',
          data: { patient: `DEMO-71${10 + i}`, medication: 'metformin' },
        });
        expect(started.status).toBe(201);
        await new Promise((done) => setTimeout(done, 60));
      }
      await page.getByTestId('team-table').getByText('DEMO-7117').waitFor({ timeout: 10_000 });
      await page.waitForTimeout(1500);
      expect(reads()).toBeGreaterThanOrEqual(1);
      expect(reads()).toBeLessThanOrEqual(2);
    } finally {
      await b.close();
    }
  });
});
