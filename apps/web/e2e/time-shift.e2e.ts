import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser } from './support/browser.ts';
import { startTestServer, type TestServer } from './support/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

/** What the page reads as now, three ways. */
const pageNow = (page: import('playwright-core').Page) =>
  page.evaluate(() => ({
    now: Date.now(),
    // biome-ignore lint/complexity/useDateNow: the shifted Date's constructor is what is read here
    date: new Date().getTime(),
    text: Date(),
    weekday: new Intl.DateTimeFormat('en-US', { timeZone: 'America/Denver', weekday: 'long' }).format(),
  }));

describe('the browser tests at another hour of the clinic’s day (PORTALFLOW_E2E_AT)', () => {
  it('the browser reads the shifted instant with time running on, while its timers stay a browser’s own', async () => {
    // Saturday 9 AM in Denver, the clinic closed.
    const at = Date.parse('2026-12-12T16:00:00Z');
    const opened = Date.now();
    const b = await openBrowser({ at });
    const shifted = () => Date.now() - opened + at;
    try {
      const { page } = b;
      await page.goto(server.url);
      const first = await pageNow(page);
      expect(first.now).toBeGreaterThanOrEqual(at);
      expect(first.now).toBeLessThanOrEqual(shifted() + 1_000);
      expect(Math.abs(first.date - first.now)).toBeLessThan(1_000);
      expect(first.text).toContain('Dec 12 2026');
      expect(first.weekday).toBe('Saturday');
      // Time runs on from there.
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect((await pageNow(page)).now - first.now).toBeGreaterThanOrEqual(350);

      // The page's timers are the browser's: an animation frame put off onto a timer (as a test does to
      // play a loaded machine) may be cancelled by its id, which a browser ignores; a library's clean-up
      // that does so must not break the screen only when the suite runs at another hour.
      const cancelling = await page.evaluate(() => {
        window.requestAnimationFrame = (step) => window.setTimeout(() => step(performance.now()), 100);
        try {
          window.cancelAnimationFrame(window.requestAnimationFrame(() => {}));
          return 'ignored';
        } catch (error) {
          return `threw: ${(error as Error).message}`;
        }
      });
      expect(cancelling).toBe('ignored');

      // A test that drives the page's timers itself starts them at the same shifted instant, once, also
      // on the next page it opens.
      await page.clock.install({ time: shifted() });
      await page.goto(server.url);
      expect(Math.abs((await pageNow(page)).now - shifted())).toBeLessThan(5_000);
      await page.clock.fastForward(60_000);
      expect(Math.abs((await pageNow(page)).now - (shifted() + 60_000))).toBeLessThan(5_000);
    } finally {
      await b.close();
    }
  });
});
