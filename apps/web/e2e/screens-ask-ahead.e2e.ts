import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * A screen whose code is a large download asks for its data the moment it is opened, beside that code
 * instead of once it has come and run: the editor its workflow, Tracking its first view's numbers.
 * Each is asked for once.
 */

let server: TestServer;
let browser: Browser;
beforeAll(async () => {
  server = await startTestServer();
  browser = await openBrowser({ width: 1366, height: 900 });
  await signIn(browser.page, server.url, 'lead', PASSWORD);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Everything the page asks for from pressing `press` until `ready` shows. */
async function askedWhile(page: Page, press: () => Promise<void>, ready: string): Promise<string[]> {
  await page.waitForLoadState('networkidle');
  const asked: Request[] = [];
  const note = (r: Request) => asked.push(r);
  page.on('request', note);
  await press();
  await page.locator(ready).first().waitFor({ state: 'attached' });
  await page.waitForLoadState('networkidle');
  page.off('request', note);
  return asked.map((r) => `${r.method()} ${new URL(r.url()).pathname}`);
}

describe('opening a large screen', () => {
  it('the editor asks for the workflow before its code', async () => {
    const { page } = browser;
    await page.getByTestId('workflows-table').waitFor();
    const asked = await askedWhile(
      page,
      () => page.getByTestId('workflow-row-appointment-request').getByRole('link').first().click(),
      '.react-flow__node',
    );
    expect(asked[0]).toBe('GET /api/definitions/appointment-request');
    expect(asked.some((a) => /\/assets\/EditorPage-/.test(a))).toBe(true);
    expect(asked.filter((a) => a === 'GET /api/definitions/appointment-request')).toHaveLength(1);
  });

  it('Tracking asks for its first view before its code, once', async () => {
    const { page } = browser;
    await page.goBack();
    await page.getByTestId('workflows-table').waitFor();
    const asked = await askedWhile(
      page,
      () => page.getByRole('link', { name: 'Tracking' }).click(),
      '[data-testid="tracking-chart-volume"] .recharts-bar-rectangle',
    );
    // Before its code: both questions precede the screen's chunk. Other requests of the page (a
    // service worker's update check, a live-update reconnect) may fall anywhere; they once came
    // between the two questions, which a check on the first two requests took for a late question.
    const code = asked.findIndex((a) => /\/assets\/TrackingPage-/.test(a));
    expect(code, asked.join('\n')).toBeGreaterThan(-1);
    expect(asked.indexOf('GET /api/tracking/sheet'), asked.join('\n')).toBeGreaterThan(-1);
    expect(asked.indexOf('GET /api/tracking/sheet'), asked.join('\n')).toBeLessThan(code);
    expect(asked.indexOf('GET /api/tracking/entries'), asked.join('\n')).toBeGreaterThan(-1);
    expect(asked.indexOf('GET /api/tracking/entries'), asked.join('\n')).toBeLessThan(code);
    expect(asked.filter((a) => a === 'GET /api/tracking/sheet')).toHaveLength(1);
    expect(asked.filter((a) => a === 'GET /api/tracking/entries')).toHaveLength(1);
  });
});
