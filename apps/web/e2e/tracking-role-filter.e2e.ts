import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../packages/engine/test/support/parse-csv.ts';
import { hoursAsDuration } from '../src/tracking/duration.ts';
import { openBrowser, screenshot, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

const MEDICAL_ASSISTANT = 'Medical assistant (care-team pool)';

/** A table's header and cells as shown on the page. */
async function shownTable(page: Page, id: string): Promise<string[][]> {
  const table = page.getByTestId(`tracking-table-${id}`).locator('table');
  await table.waitFor();
  const head = await table.locator('thead th').allInnerTexts();
  const rows = await table
    .locator('tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())),
    );
  return [head.map((h) => h.trim()), ...rows];
}

/** Clicks the table's CSV button: the name the browser saves it under, and its cells. */
async function download(page: Page, id: string): Promise<{ name: string; csv: string[][] }> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId(`tracking-csv-${id}`).click(),
  ]);
  return { name: file.suggestedFilename(), csv: parseCsv(await readFile((await file.path())!, 'utf8')) };
}

/** The CSV as the screen shows it: a time column's hours ("0.4", "Median (h)") read as "24 min", "Median". */
function asShown(csv: string[][]): string[][] {
  const [header = [], ...rows] = csv;
  const timed = header.map((h) => /\(h\)$/.test(h));
  return [
    header.map((h, i) => (timed[i] ? h.replace(/\s*\(h\)$/, '') : h)),
    ...rows.map((r) => r.map((cell, i) => (timed[i] && cell !== '' ? hoursAsDuration(Number(cell)) : cell))),
  ];
}

describe('tracking for one role', () => {
  it('a lead picks a role by its title: every table and every CSV is that role’s, each file named for what it holds', async () => {
    const b = await openBrowser({ width: 1366, height: 1400 });
    try {
      const { page } = b;
      await signIn(page, server.url, 'lead', PASSWORD);
      await page.getByRole('link', { name: 'Tracking' }).click();
      await page.getByTestId('tracking-table-enrollment').waitFor();
      const everyone = await shownTable(page, 'enrollment');
      expect(everyone.length, 'the demo week has enrollment work').toBeGreaterThan(1);

      // The Role list: the clinic's titles, sorted, never an id.
      const role = page.getByTestId('tracking-role');
      await role.click();
      const options = page.getByRole('option');
      await expect.poll(() => options.allInnerTexts()).toContain(MEDICAL_ASSISTANT);
      const titles = (await options.allInnerTexts()).map((o) => o.trim());
      expect(titles.filter((o) => /^[a-z]+(-[a-z]+)*$/.test(o))).toEqual([]);
      expect(titles).toEqual([...titles].sort((a, b) => a.localeCompare(b)));
      expect(titles).toContain('Front desk receptionist');
      await screenshot(page, 'tracking-role-list');
      await page.getByRole('option', { name: MEDICAL_ASSISTANT }).click();
      expect(await role.inputValue()).toBe(MEDICAL_ASSISTANT);

      // Medical assistants do no enrollment work: both enrollment tables are empty, on screen and in the CSV.
      for (const id of ['enrollment', 'declines'])
        await expect
          .poll(() => page.getByTestId(`tracking-empty-${id}`).textContent())
          .toBe(`Nothing recorded for ${MEDICAL_ASSISTANT} in this period.`);
      const from = await page.getByTestId('tracking-from').inputValue();
      const to = await page.getByTestId('tracking-to').inputValue();
      for (const id of ['enrollment', 'declines']) {
        const file = await download(page, id);
        expect(file.name).toBe(`tracking-${id}-${from}-to-${to}-medical-assistant.csv`);
        expect(file.csv, id).toHaveLength(1);
      }
      // The tasks are theirs alone, and the file says so.
      const tasks = await shownTable(page, 'tasks');
      const roleColumn = tasks[0]!.indexOf('Role');
      expect(new Set(tasks.slice(1).map((r) => r[roleColumn]))).toEqual(new Set([MEDICAL_ASSISTANT]));
      const tasksFile = await download(page, 'tasks');
      expect(tasksFile.name).toBe(`tracking-tasks-${from}-to-${to}-medical-assistant.csv`);
      expect(asShown(tasksFile.csv)).toEqual(tasks);

      // How long requests take is the clinic's: the table says so, and offers nothing to download.
      await expect
        .poll(() => page.getByTestId('tracking-note-requests').textContent())
        .toContain('counted only for the whole clinic');
      expect(await page.getByTestId('tracking-csv-requests').count()).toBe(0);
      // Work outside workflows is a person's: the page says how the role chose its rows.
      await expect
        .poll(() => page.getByTestId('tracking-note-manual').textContent())
        .toContain(`the people who hold the role ${MEDICAL_ASSISTANT}`);
      await expect
        .poll(() => page.getByTestId('tracking-entries-note').textContent())
        .toContain(`the people who hold the role ${MEDICAL_ASSISTANT}`);
      // The whole sheet in one picture, down to the entries.
      await page.setViewportSize({ width: 1366, height: 1900 });
      await screenshot(page, 'tracking-one-role');
    } finally {
      await b.close();
    }
  });
});
