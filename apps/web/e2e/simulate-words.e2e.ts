import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * A practice run in the editor speaks a lead's words: a choice is shown by its words ("Needs visit",
 * not `needs-visit`), a field needed for some outcomes names them as their buttons do, and the run's
 * starting data is no JSON box in plain view.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('the editor’s practice run', () => {
  it('writes choices and outcomes in words and keeps the data box behind Advanced', async () => {
    const b = await openBrowser({ width: 1366, height: 900 });
    try {
      const { page } = b;
      await signIn(page, server.url, 'lead', PASSWORD);
      await page.goto(`${server.url}/workflows/prescription-refill`);
      await page.getByTestId('simulate-button').click();
      const panel = page.getByTestId('simulate-panel');
      await panel.waitFor();
      const start = panel.getByTestId('sim-start');
      if (await start.count()) await start.click();
      for (let i = 0; i < 2; i++) {
        const outcome = panel.locator('[data-testid^="sim-outcome-"]').first();
        await outcome.waitFor();
        await outcome.click();
      }
      const card = panel.getByTestId('sim-active-provider-decision');
      await card.waitFor();
      const reason = card.getByLabel(/Reason for denial/).first();
      expect(await reason.inputValue()).toBe('Needs visit');
      const text = (await card.textContent()) ?? '';
      expect(text).toContain('to finish as Denied');
      expect(text).not.toContain('one-month-bridge');

      expect(await panel.getByText('Instance data (JSON)').count()).toBe(0);
      expect(await panel.locator('textarea').count()).toBe(0);
      await panel.getByRole('button', { name: /Advanced/ }).click();
      await panel.locator('textarea').waitFor();
    } finally {
      await b.close();
    }
  });
});
