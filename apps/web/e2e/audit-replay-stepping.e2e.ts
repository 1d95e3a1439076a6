import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, signIn } from './support/browser.ts';
import { proxyRequestChecked } from './support/replay.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * Stepping through a replay asks the server nothing: the history and the state after every event
 * come once when the replay opens, so each step shows at once (and the access log gets one read, not
 * one a step). Timing-free: the requests are counted, and a step's open steps are read in the frame
 * the page first names that step.
 */
let server: TestServer;
let instanceId: string;

beforeAll(async () => {
  server = await startTestServer();
  instanceId = await proxyRequestChecked(server.url);
});
afterAll(async () => {
  await server?.stop();
});

/**
 * Presses a scrubber button and reads the open steps in the frame the caption first names the new
 * event: they must already be that event's (no request or timer still to come), and how many frames
 * and ms the page took to show it.
 */
function pressAndRead(page: Page, testId: string) {
  return page.evaluate(async (id) => {
    const caption = () => document.querySelector('[data-testid="scrubber-caption"]')!.textContent;
    const before = caption();
    const t0 = performance.now();
    document.querySelector<HTMLElement>(`[data-testid="${id}"]`)!.click();
    let frames = 0;
    while (caption() === before && frames < 600) {
      await new Promise((r) => requestAnimationFrame(r));
      frames++;
    }
    const state = document.querySelector('[data-testid="replay-active"]')!;
    return {
      open: [...state.querySelectorAll<HTMLElement>('[data-testid^="replay-active-"]')].map((row) =>
        row.dataset.testid!.replace('replay-active-', ''),
      ),
      frames,
      ms: Math.round(performance.now() - t0),
    };
  }, testId);
}

describe('stepping through a replay', () => {
  it('asks the server nothing after opening, and shows each step’s open steps at once', async () => {
    const b = await openBrowser({ width: 1366, height: 900 });
    try {
      await signIn(b.page, server.url, 'auditor', PASSWORD);
      const asked: string[] = [];
      b.page.on('request', (r) => {
        const path = new URL(r.url()).pathname;
        if (path.startsWith('/api/instances/') || path.startsWith('/api/audit/instances/')) asked.push(path);
      });
      await b.page.goto(`${server.url}/audit/instances/${encodeURIComponent(instanceId)}`);
      await b.page.getByTestId('replay-active-adult-authorization').waitFor();
      await b.page.locator('[data-testid="audit-diagram"] .react-flow__node').first().waitFor();
      await expect.poll(() => b.page.getByTestId('replay-active').getAttribute('aria-busy')).toBe('false');
      asked.length = 0;

      const first = await pressAndRead(b.page, 'scrubber-first');
      expect(first.open).toEqual(['check-request']);
      const second = await pressAndRead(b.page, 'scrubber-forward');
      expect(second.open).toEqual(['check-request']);
      const third = await pressAndRead(b.page, 'scrubber-forward');
      expect(third.open).toEqual(['adult-authorization']);
      const back = await pressAndRead(b.page, 'scrubber-back');
      expect(back.open).toEqual(['check-request']);
      // For the record, not asserted (a loaded machine is slower): how long each step took to show.
      console.info('steps shown after', [first, second, third, back].map((s) => `${s.ms} ms`).join(', '));
      expect(await b.page.getByTestId('scrubber-caption').textContent()).toContain('Event 2 of 3');
      expect(asked).toEqual([]);
    } finally {
      await b.close();
    }
  });
});
