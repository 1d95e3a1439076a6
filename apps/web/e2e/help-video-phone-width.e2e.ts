import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * The clinic's refill clip on a phone: the width of the screen less the page's margin (the answer's
 * indent is for its words, not for the picture), its captions still at a readable size, and nothing
 * wider than the screen (no sideways scrolling), on the patients' help page and on the staff FAQ.
 */
const PHONES = [
  { width: 360, height: 640 },
  { width: 390, height: 844 },
];
/** The page's margin on each side: 16 px. */
const MARGIN = 16;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

async function measure(page: Page) {
  const video = page.getByTestId('help-video').first();
  await video.waitFor();
  await video.scrollIntoViewIfNeeded();
  const box = (await video.boundingBox())!;
  const cueSize = await video.evaluate((v) => Number.parseFloat(getComputedStyle(v, '::cue').fontSize));
  const sideways = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  return { left: box.x, right: box.x + box.width, width: box.width, cueSize, sideways };
}

describe('the help video on a phone', () => {
  for (const phone of PHONES) {
    it(`takes the screen's width less the page margin on the patients' page (${phone.width}×${phone.height})`, async () => {
      const b = await openBrowser(phone);
      try {
        await b.page.goto(`${server.url}/help/riverside/en/how-do-i-ask-for-a-prescription-refill`);
        const m = await measure(b.page);
        expect(m.width).toBeGreaterThanOrEqual(phone.width - 2 * MARGIN - 0.5);
        expect(m.left).toBeGreaterThanOrEqual(MARGIN - 0.5);
        expect(m.right).toBeLessThanOrEqual(phone.width - MARGIN + 0.5);
        expect(m.cueSize).toBeGreaterThanOrEqual(16);
        expect(m.sideways).toBeLessThanOrEqual(0);
      } finally {
        await b.close();
      }
    });

    it(`takes the screen's width less the page margin on the staff FAQ (${phone.width}×${phone.height})`, async () => {
      const b = await openBrowser(phone);
      try {
        await signIn(b.page, server.url, 'front-desk', PASSWORD);
        await b.page.goto(`${server.url}/faq?q=${encodeURIComponent('refill')}`);
        const entry = b.page
          .getByTestId('faq-results')
          .locator('[data-testid^="faq-entry-"]')
          .filter({ hasText: 'How do I ask for a prescription refill?' });
        await entry.getByRole('button').first().click();
        const m = await measure(b.page);
        expect(m.width).toBeGreaterThanOrEqual(phone.width - 2 * MARGIN - 0.5);
        expect(m.left).toBeGreaterThanOrEqual(MARGIN - 0.5);
        expect(m.right).toBeLessThanOrEqual(phone.width - MARGIN + 0.5);
        expect(m.cueSize).toBeGreaterThanOrEqual(16);
        expect(m.sideways).toBeLessThanOrEqual(0);
      } finally {
        await b.close();
      }
    });
  }
});
