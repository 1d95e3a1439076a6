import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { type Browser, openBrowser, signIn } from './support/browser.ts';
import { byTestId, focused, tabTo } from './support/keyboard.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * The front desk on the phone opens a dialog by keyboard and types at once: the chart number the
 * caller reads out, the workflow's name. What is typed as the dialog appears goes into its box, not
 * to the button behind it. On a busy computer the browser handles key presses before timers that are
 * already due, so a box focused "one timer later" (as a dialog's focus trap does) missed the first
 * keys: here the page's zero-delay timers run 300 ms late, which makes that moment wide enough to type in.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

/** Zero-delay timers ("as soon as possible") run 300 ms late, as key presses overtake them when busy. */
function lateTimers() {
  const setTimer = window.setTimeout;
  window.setTimeout = ((run: TimerHandler, ms?: number, ...rest: unknown[]) =>
    setTimer(run, ms && ms > 0 ? ms : 300, ...rest)) as typeof window.setTimeout;
}

async function deskSlowed(): Promise<{ b: Browser; page: Page }> {
  const b = await openBrowser({ width: 1366, height: 768 });
  await signIn(b.page, server.url, 'front-desk', PASSWORD);
  await b.page.getByTestId('my-work').waitFor();
  await b.page.addInitScript(lateTimers);
  await b.page.reload();
  // The buttons come with the workflows this person may start.
  await b.page.getByTestId('new-request').waitFor();
  return { b, page: b.page };
}

describe('typing as a dialog appears', () => {
  it('Request status: the chart number typed at once is looked up', async () => {
    const desk = await apiSession(server.url, 'front-desk', PASSWORD);
    const started = await desk('POST', '/requests', {
      definitionId: 'prescription-refill',
      data: { patient: 'DEMO-7811', medication: 'metformin 500 mg' },
    });
    expect(started.status).toBe(201);
    const { b, page } = await deskSlowed();
    try {
      for (let i = 0; i < 3; i++) {
        await tabTo(page, byTestId('request-status'), 60);
        await page.keyboard.press('Enter');
        await page.getByTestId('request-status-form').waitFor();
        await page.keyboard.type('DEMO-7811');
        expect(await page.getByTestId('request-status-patient').inputValue()).toBe('DEMO-7811');
        await page.keyboard.press('Enter');
        await page.getByTestId('request-status-results').waitFor({ timeout: 20_000 });
        await page.keyboard.press('Escape');
        await page.getByTestId('request-status-form').waitFor({ state: 'detached' });
      }
    } finally {
      await b.close();
    }
  });

  it('New request: the workflow typed at once is picked, and its first field takes the focus', async () => {
    const { b, page } = await deskSlowed();
    try {
      for (let i = 0; i < 3; i++) {
        await tabTo(page, byTestId('new-request'), 60);
        await page.keyboard.press('Enter');
        await page.getByTestId('new-request-form').waitFor();
        await page.keyboard.type('refill');
        await page.keyboard.press('Enter');
        await expect
          .poll(async () => (await focused(page)).testId, { timeout: 20_000 })
          .toBe('form-field-patient');
        // Nothing typed: Escape closes the select's list if open, then the form.
        await page.keyboard.press('Escape');
        if (await page.getByTestId('new-request-form').isVisible()) await page.keyboard.press('Escape');
        await page.getByTestId('new-request-form').waitFor({ state: 'detached' });
      }
    } finally {
      await b.close();
    }
  });
});
