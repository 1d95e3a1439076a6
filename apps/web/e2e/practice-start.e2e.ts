import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { openBrowser, screenshot, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * The practice run's "Starts at" box writes and reads the time as the clinic does ("Dec 7, 2026
 * 8:00 AM": month first, on the clinic's clock) and in the clinic's time zone, on a computer whose own
 * clock runs in another zone and would write "12/07/2026, 08:00" or "2026/12/08 0:00".
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

/** The browser's own zone: far from any clinic, and a day ahead of it for much of the clinic's day. */
const BROWSER_ZONE = 'Asia/Tokyo';

describe('the practice run’s start', () => {
  it('is written and typed the clinic’s way, in the clinic’s zone, whatever the browser’s', async () => {
    const lead = await apiSession(server.url, 'lead', PASSWORD);
    const config = (await lead<{ timeZone: string; clock: string }>('GET', '/config')).body;
    expect(config.timeZone).not.toBe(BROWSER_ZONE);
    const b = await openBrowser({ width: 1440, height: 900, timeZone: BROWSER_ZONE });
    try {
      const { page } = b;
      expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe(BROWSER_ZONE);
      await signIn(page, server.url, 'lead', PASSWORD);
      await page.goto(`${server.url}/workflows/password-reset`);
      await page.getByTestId('simulate-button').click();
      const panel = page.getByTestId('simulate-panel');
      await panel.waitFor();
      const box = panel.getByLabel('Starts at');
      // "Dec 7, 2026 8:00 AM": the month's name first, the 12-hour clock the clinic uses by default.
      expect(await box.inputValue()).toMatch(/^[A-Z][a-z]{2} \d{1,2}, \d{4} \d{1,2}:\d{2} (AM|PM)$/);
      // The start is the run's clock, which every other line writes in the clinic's zone.
      const clock = (await page.getByTestId('sim-clock').textContent()) ?? '';
      expect(clock).toContain((await box.inputValue()).split(' ').slice(-2).join(' '));

      // A start typed the clinic's way is meant on the clinic's wall clock, not Tokyo's.
      await box.fill('Jan 4, 2027 10:30 AM');
      await box.press('Enter');
      await expect.poll(() => page.getByTestId('sim-clock').textContent()).toContain('Jan 4, 2027');
      expect(await page.getByTestId('sim-clock').textContent()).toContain('10:30 AM');
      expect(await box.inputValue()).toBe('Jan 4, 2027 10:30 AM');
      await screenshot(page, 'editor-simulate-start');

      // Typed loosely, it is read all the same and written back the clinic's way.
      await box.fill('jan 5 2027 2:15 pm');
      await box.blur();
      await expect.poll(() => box.inputValue()).toBe('Jan 5, 2027 2:15 PM');
      expect(await page.getByTestId('sim-clock').textContent()).toContain('2:15 PM');

      // What names no moment is said so, and the run keeps its start.
      await box.fill('Feb 30, 2027 8:00 AM');
      await box.press('Enter');
      await panel.getByText('Write a date and time such as Dec 7, 2026 8:00 AM').waitFor();
      expect(await page.getByTestId('sim-clock').textContent()).toContain('Jan 5, 2027');
    } finally {
      await b.close();
    }
  });
});
