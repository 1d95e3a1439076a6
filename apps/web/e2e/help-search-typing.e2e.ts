import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, signIn } from './support/browser.ts';
import { tabTo } from './support/keyboard.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * The front desk looks up a caller's question in Help & FAQ while the caller waits: every letter
 * typed lands in the search box, however fast (the box once read "bg" for "billing", and "l" for
 * "bil": each key press was put back to the address's older search between presses).
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('Help & FAQ search typed at speed', () => {
  it('keeps every letter, finds the answer, and keeps the search in the address', async () => {
    const b = await openBrowser({ width: 1366, height: 768 });
    try {
      const { page } = b;
      await signIn(page, server.url, 'front-desk', PASSWORD);
      await page.getByTestId('my-work').waitFor();
      await tabTo(page, (f) => f.text === 'Help & FAQ');
      await page.keyboard.press('Enter');
      const search = page.getByTestId('faq-search');
      await page
        .getByTestId('faq-count')
        .getByText(/^[1-9]\d* answers$/)
        .waitFor();
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
        .toBe('faq-search');

      for (const words of ['billing', 'locked out', 'activation code']) {
        await page.keyboard.press('ControlOrMeta+a');
        await page.keyboard.type(words);
        await expect.poll(() => search.inputValue()).toBe(words);
        // Held a moment: no late answer for an older search puts letters back.
        await page.waitForTimeout(400);
        expect(await search.inputValue()).toBe(words);
      }
      await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('activation code');

      await page.keyboard.press('ControlOrMeta+a');
      await page.keyboard.type('bill');
      await page
        .getByTestId('faq-results')
        .getByRole('button', { name: /I have a question about my bill/ })
        .waitFor();
      // A search kept in the address (a reload, the task's "Search the staff FAQ" link) is shown.
      await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('bill');
      await page.reload();
      await expect.poll(() => search.inputValue()).toBe('bill');
      await page.goto(`${server.url}/faq?q=${encodeURIComponent('proxy form')}`);
      await expect.poll(() => search.inputValue()).toBe('proxy form');
    } finally {
      await b.close();
    }
  });
});
