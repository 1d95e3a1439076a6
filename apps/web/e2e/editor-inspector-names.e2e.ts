import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, screenshot, signIn } from './support/browser.ts';
import { clearSelection } from './support/canvas.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * The inspector names steps, outcomes and roles as the diagram does ("Duplicate request", never
 * `duplicate-request`); an id shows only in the box that edits it (the step id). Nothing in it is
 * cut off at the widths clinic screens have: long names wrap.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

/** What the inspector shows: its text and what its boxes hold, except the step id's own box. */
const shown = (page: Page) =>
  page.getByTestId('inspector').evaluate((inspector) => {
    const values = [...inspector.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')]
      .filter(
        (box) =>
          box.type !== 'hidden' && !box.labels?.[0]?.textContent?.startsWith('Name in links and files'),
      )
      .map((box) => box.value);
    return [inspector.textContent ?? '', ...values].join('\n');
  });

/** Everything in the inspector whose text runs past its box: inputs and clipped elements. */
const clipped = (page: Page) =>
  page.getByTestId('inspector').evaluate((inspector) =>
    [...inspector.querySelectorAll<HTMLElement>('*')]
      .filter((el) => {
        if (el.clientWidth === 0 || el.scrollWidth <= el.clientWidth + 1) return false;
        if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) return true;
        if ((el.textContent ?? '').trim() === '') return false; // a scrollbar's thumb, an icon
        const style = getComputedStyle(el);
        return style.overflowX !== 'visible' || style.textOverflow === 'ellipsis';
      })
      .map((el) =>
        el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement
          ? `${el.tagName} “${el.value}”`
          : `${el.tagName}.${el.className} “${(el.textContent ?? '').slice(0, 60)}”`,
      ),
  );

describe('the inspector in the lead’s words', () => {
  for (const width of [1280, 1440]) {
    it(`at ${width} px names outcomes, steps and roles by their titles, and cuts nothing off`, async () => {
      const b = await openBrowser({ width, height: 900 });
      try {
        const { page } = b;
        await signIn(page, server.url, 'lead', PASSWORD);
        await page.goto(`${server.url}/workflows/prescription-refill`);
        await page.getByTestId('node-review-request').click();
        const inspector = page.getByTestId('inspector');
        await expect.poll(() => inspector.getByRole('heading').textContent()).toBe('Step');
        await expect.poll(() => shown(page)).toContain('Duplicate request');
        const step = await shown(page);
        expect(step).toContain('Prepared');
        expect(step).toContain('Refill checks, in order');
        expect(step).not.toMatch(/duplicate-request|\bprepared\b|\(refill-checks\)|\(closed-duplicate\)/);
        expect(await clipped(page)).toEqual([]);
        if (width === 1280) await screenshot(page, 'editor-inspector-outcomes');

        // The workflow's own settings: the first step by its title.
        await clearSelection(page);
        await expect.poll(() => shown(page)).toContain('Prepare the refill request for review');
        expect(await shown(page)).not.toContain('(review-request)');
        expect(await clipped(page)).toEqual([]);
      } finally {
        await b.close();
      }
    });
  }
});
