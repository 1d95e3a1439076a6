import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';
import { testNow } from './support/time-shift.ts';

/**
 * A screen is drawn the moment its code has come, not when a timer says so. React holds back the
 * reveal of a loading state until 300 ms after it appeared (a timer), however soon the code came:
 * with the page's clock stopped, a screen that waited for that timer would never show.
 */

let server: TestServer;
let browser: Browser;
beforeAll(async () => {
  server = await startTestServer();
  browser = await openBrowser({ width: 1366, height: 900 });
  // The page's timers are the test's from the start (the app keeps the ones it finds as it loads).
  await browser.page.clock.install({ time: testNow() });
  await signIn(browser.page, server.url, 'lead', PASSWORD);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('a screen whose code is fetched as it opens', () => {
  it('is drawn as soon as the code is here, with no timer to wait for', async () => {
    const { page } = browser;
    await page.getByTestId('workflows-table').waitFor();
    await page.waitForLoadState('networkidle');
    await page.clock.pauseAt(testNow() + 1000);
    // The editor's code has never been fetched: its loading state shows, then the editor's own page
    // (reading the workflow: with the clock stopped, the answer is not handed on).
    await page.getByTestId('workflow-row-appointment-request').getByRole('link').first().click();
    const editorDrawn = page
      .getByRole('status', { name: 'Loading the workflow' })
      .or(page.getByTestId('editor'));
    await editorDrawn.first().waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('screen-loading').count()).toBe(0);
  });
});
