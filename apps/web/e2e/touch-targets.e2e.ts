import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, signIn } from './support/browser.ts';
import { look } from './support/look.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * A provider works the pool on a tablet between rooms, by finger. On a touch screen every control of
 * My work and the task (header, folders, filters, the task's buttons, fields and links) is at least
 * 44 × 44 px, so a tap lands on the folder or button meant; with a mouse the screens stay as dense.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

const MIN = 44;

/** Controls in view smaller than MIN either way (a radio or checkbox counts with its label). */
function tooSmall(page: Page): Promise<string[]> {
  return page.evaluate((min) => {
    const small: string[] = [];
    const controls = document.querySelectorAll(
      'button, a[href], input:not([type="radio"]):not([type="checkbox"]):not([type="hidden"]):not([type="file"]), select, textarea, [role="button"]',
    );
    for (const el of controls) {
      const r = el.getBoundingClientRect();
      // Off screen until focused (the skip link), or not drawn.
      if (r.width === 0 || r.height === 0 || r.bottom <= 0 || r.right <= 0) continue;
      if (el.closest('[aria-hidden="true"], .mantine-Notifications-root')) continue;
      if (r.width < min || r.height < min) {
        const name =
          el.getAttribute('data-testid') ?? el.getAttribute('aria-label') ?? el.textContent?.trim();
        small.push(`${el.tagName.toLowerCase()} "${name}" ${Math.round(r.width)}×${Math.round(r.height)}`);
      }
    }
    return small;
  }, MIN);
}

async function allOf(page: Page): Promise<string[]> {
  // The whole page and the task drawer, scrolled through, so every control has been in view.
  const seen = new Set<string>();
  for (const s of await tooSmall(page)) seen.add(s);
  const panel = page.getByTestId('task-panel');
  if (await panel.isVisible()) {
    for (let i = 0; i < 8; i++) {
      await panel.evaluate((el: HTMLElement) => {
        let box: HTMLElement | null = el;
        while (box && box.scrollHeight <= box.clientHeight + 1) box = box.parentElement;
        box?.scrollBy(0, 500);
      });
      await page.waitForTimeout(100);
      for (const s of await tooSmall(page)) seen.add(s);
    }
  }
  return [...seen];
}

describe('My work on a touch tablet', () => {
  for (const [width, height] of [
    [1024, 768],
    [768, 1024],
  ] as const) {
    it(`has no control under ${MIN} px at ${width}×${height}`, async () => {
      const b = await openBrowser({ width, height, touch: true });
      try {
        const { page } = b;
        await signIn(page, server.url, 'provider', PASSWORD);
        await page.getByTestId('work-folder-pool-provider').tap();
        await page.getByTestId('task-list').getByText('Decide on the refill request').first().waitFor();
        expect(await allOf(page)).toEqual([]);
        await page.getByTestId('task-list').getByText('Decide on the refill request').first().tap();
        await page.getByTestId('claim-button').tap();
        await page.getByTestId('task-form').waitFor();
        await page.getByTestId('release-button').waitFor();
        expect(await allOf(page)).toEqual([]);
        await look(page, `touch-targets-${width}x${height}`);
      } finally {
        await b.close();
      }
    });
  }

  it('shows no keyboard shortcuts on a touch screen, where there is no keyboard to press them on', async () => {
    const b = await openBrowser({ width: 1024, height: 768, touch: true });
    try {
      const { page } = b;
      await signIn(page, server.url, 'provider', PASSWORD);
      const hints = page.getByTestId('queue-key-hints');
      await hints.waitFor({ state: 'attached' });
      expect(await hints.isVisible()).toBe(false);
    } finally {
      await b.close();
    }
  });

  it('keeps the dense sizes, and the keyboard shortcuts, with a mouse', async () => {
    const b = await openBrowser({ width: 1024, height: 768 });
    try {
      const { page } = b;
      await signIn(page, server.url, 'provider', PASSWORD);
      await page.getByTestId('queue-key-hints').waitFor();
      const folder = await page.getByTestId('work-folder-mine').boundingBox();
      expect(folder!.height).toBeLessThan(MIN);
    } finally {
      await b.close();
    }
  });
});
