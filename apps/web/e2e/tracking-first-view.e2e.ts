import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, screenshot, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

const DAY_MS = 86_400_000;
const daysIn = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS) + 1;

describe('tracking as it first opens', () => {
  it("a clinic manager opening Tracking sees the demo's past week filling the chart, the period said in words", async () => {
    const b = await openBrowser({ width: 1366, height: 900 });
    try {
      const { page } = b;
      await signIn(page, server.url, 'lead', PASSWORD);
      await page.getByRole('link', { name: 'Tracking' }).click();
      const volume = page.getByTestId('tracking-chart-volume');
      await volume.locator('.recharts-bar-rectangle').first().waitFor({ state: 'attached' });

      // Most of the chart's days have bars: the days with completed tasks over the days it covers.
      const from = await page.getByTestId('tracking-from').inputValue();
      const to = await page.getByTestId('tracking-to').inputValue();
      const days = daysIn(from, to);
      const withBars = await volume.locator('.recharts-bar-rectangle path').evaluateAll((paths) => {
        const centres = paths
          .map((p) => p.getBoundingClientRect())
          .filter((r) => r.height > 0)
          .map((r) => Math.round(r.left + r.width / 2));
        return new Set(centres).size;
      });
      expect(withBars / days, `${withBars} of ${days} days from ${from} to ${to}`).toBeGreaterThanOrEqual(
        0.5,
      );

      // The period, as a person says it, with the quick choices beside it.
      const words = page.getByTestId('tracking-period-words');
      // Month first, as the clinic writes dates: "Last 7 days: Mon, Nov 30 – Sun, Dec 6, 2026".
      await expect
        .poll(() => words.textContent())
        .toMatch(
          /^Last 7 days: [A-Z][a-z]{2}, [A-Z][a-z]{2} \d{1,2}(, \d{4})? – [A-Z][a-z]{2}, [A-Z][a-z]{2} \d{1,2}, \d{4}$/,
        );
      // The chart's days too: "Dec 6" under a bar, never "12-06".
      const labels = await volume.locator('svg text').allTextContents();
      expect(
        labels.some((t) => /^[A-Z][a-z]{2} \d{1,2}$/.test(t)),
        labels.join(' | '),
      ).toBe(true);
      expect(
        labels.some((t) => /^\d{2}-\d{2}$/.test(t)),
        labels.join(' | '),
      ).toBe(false);
      const choice = page.getByTestId('tracking-period');
      expect(await choice.getByRole('radio', { checked: true }).getAttribute('value')).toBe('last-7-days');

      // A quick choice changes the period and its words; "This month" starts on the 1st.
      await choice.getByText('Last 30 days').click();
      await expect.poll(() => words.textContent()).toMatch(/^Last 30 days: /);
      expect(daysIn(await page.getByTestId('tracking-from').inputValue(), to)).toBe(30);
      await choice.getByText('This month').click();
      await expect.poll(() => page.getByTestId('tracking-from').inputValue()).toMatch(/-01$/);
      await expect.poll(() => words.textContent()).toMatch(/^This month: /);
      // A date typed in makes the period a custom one: a week up to yesterday.
      const yesterday = new Date(Date.parse(to) - DAY_MS).toISOString().slice(0, 10);
      await page.getByTestId('tracking-from').fill(from);
      await page.getByTestId('tracking-to').fill(yesterday);
      await expect.poll(() => words.textContent()).toMatch(/^From /);
      expect(await choice.getByRole('radio', { checked: true }).getAttribute('value')).toBe('custom');

      await choice.getByText('Last 7 days').click();
      await expect.poll(() => words.textContent()).toMatch(/^Last 7 days: /);
      await volume.locator('.recharts-bar-rectangle').first().waitFor({ state: 'attached' });
      await screenshot(page, 'tracking-first-view');
    } finally {
      await b.close();
    }
  });
});
