import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe.ts';
import { openBrowser, screenshot, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

/** Every clock time in a text: "2:30 PM" on the 12-hour clock, "14:30" on the 24-hour one. */
const clockTimes = (text: string) =>
  [...text.matchAll(/\b\d{1,2}:\d{2}(?::\d{2})?(?: ?[AP]M)?/g)].map((m) => m[0]);
const TWELVE = /^\d{1,2}:\d{2}(:\d{2})? [AP]M$/;
const TWENTY_FOUR = /^\d{2}:\d{2}(:\d{2})?$/;
/** A due day: by name, else the date month first ("Mon, Dec 7,", the year when not this one). */
const DUE_DAY = '(Today|Tomorrow|Yesterday|[A-Z][a-z]{2}, [A-Z][a-z]{2} \\d{1,2}(, \\d{4})?,)';

/** The pool's triage task: its row's due time and the times in its history, as the medical assistant sees them. */
async function rowAndHistory(page: Page): Promise<{ due: string; history: string[] }> {
  await page.getByTestId('work-folder-pool-medical-assistant').click();
  const row = page.locator('[data-testid^="task-row-"]', { hasText: 'Sort the portal message' }).first();
  await row.waitFor();
  const due = (await row.getByTestId('due-chip').textContent()) ?? '';
  await row.click();
  const history = page.getByTestId('task-history');
  await history.waitFor();
  return { due, history: clockTimes((await history.textContent()) ?? '') };
}

describe('one clock on every screen', () => {
  it('a task’s row and its history say times on the clinic’s clock, and the clock an admin chooses', async () => {
    const ma = await openBrowser();
    const admin = await openBrowser({ width: 1280, height: 1000 });
    try {
      await signIn(ma.page, server.url, 'medical-assistant', PASSWORD);
      // The demo clinic is in the US: the 12-hour clock, in the list and in the history alike.
      const before = await rowAndHistory(ma.page);
      expect(before.due).toMatch(new RegExp(`^Due ${DUE_DAY} \\d{1,2}:\\d{2} [AP]M$`));
      expect(before.history.length).toBeGreaterThan(0);
      for (const time of [...clockTimes(before.due), ...before.history]) expect(time).toMatch(TWELVE);
      await screenshot(ma.page, 'clinic-clock-my-work');

      // An admin chooses the 24-hour clock with the clinic hours.
      await signIn(admin.page, server.url, 'admin', PASSWORD);
      await admin.page.getByRole('link', { name: 'Clinic hours' }).click();
      await admin.page.getByTestId('clinic-hours-page').waitFor();
      await admin.page.getByRole('radio', { name: '24-hour: 14:30' }).check();
      await admin.page.getByTestId('save-hours').click();
      await admin.page.getByText('Clinic hours saved').waitFor();
      await admin.page.getByText('Clock: 12-hour (2:30 PM) → 24-hour (14:30)').waitFor();
      // The page's own times follow at once: when it was last saved reads on the new clock.
      await expect
        .poll(async () => clockTimes((await admin.page.getByText(/^Last saved /).textContent()) ?? ''))
        .toEqual([expect.stringMatching(TWENTY_FOUR)]);
      expect(await seriousViolations(admin.page)).toEqual([]);
      await screenshot(admin.page, 'clinic-clock-setting');

      // The medical assistant's next visit reads every time on the 24-hour clock.
      await ma.page.reload();
      const after = await rowAndHistory(ma.page);
      expect(after.due).toMatch(new RegExp(`^Due ${DUE_DAY} \\d{2}:\\d{2}$`));
      for (const time of [...clockTimes(after.due), ...after.history]) expect(time).toMatch(TWENTY_FOUR);
    } finally {
      await ma.close();
      await admin.close();
    }
  });
});
