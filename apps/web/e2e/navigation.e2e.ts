import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * Every screen opens after every other: each menu entry in order and back again, as an admin (who sees
 * nearly every screen) and as front-desk staff. Screens share loaded data, so one that stores an answer in
 * another shape breaks the next one opened (the Handbook after Workflows, Roles after Accounts did). On every
 * screen, every badge reads in full.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

/** Waits until the screen stops changing (its data arrived and was drawn), at most ~5 s. */
async function settled(page: Page): Promise<void> {
  let last = -1;
  for (let i = 0; i < 20; i++) {
    const size = await page.locator('main').evaluate((m) => m.innerHTML.length);
    if (size === last) return;
    last = size;
    await page.waitForTimeout(250);
  }
}

describe('navigation', () => {
  for (const who of ['admin', 'front-desk']) {
    it(`${who}: every menu entry opens after every other, with no error`, async () => {
      // A common clinic desktop; at 1280 px the Roles table scrolls sideways instead of squeezing.
      const b = await openBrowser({ width: 1440, height: 900 });
      try {
        const { page } = b;
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(String(e)));
        await signIn(page, server.url, who, PASSWORD);
        const nav = page.locator('nav');
        const links = (await nav.locator('a').allTextContents()).map((t) => t.trim()).filter(Boolean);
        expect(links.length).toBeGreaterThan(5);
        for (const name of [...links, ...[...links].reverse()]) {
          await nav.getByRole('link', { name, exact: true }).first().click();
          await page.waitForLoadState('networkidle');
          if ((await page.getByText('This screen could not be opened').count()) > 0)
            errors.push(`${name}: broken`);
          // Every badge reads in full: a status or a name cut to "Not approve…" says nothing.
          await settled(page);
          const cut = await page
            .locator('main .mantine-Badge-label')
            .evaluateAll((labels) =>
              labels.filter((l) => l.scrollWidth > l.clientWidth + 1).map((l) => l.textContent),
            );
          if (cut.length > 0) errors.push(`${name}: cut badges ${JSON.stringify([...new Set(cut)])}`);
          // And as written: "Active", not "ACTIVE".
          const shouting = await page
            .locator('main .mantine-Badge-root')
            .evaluateAll((badges) =>
              badges
                .filter((b) => getComputedStyle(b).textTransform === 'uppercase')
                .map((b) => b.textContent),
            );
          if (shouting.length > 0) errors.push(`${name}: capitals ${JSON.stringify([...new Set(shouting)])}`);
        }
        expect(errors).toEqual([]);
      } finally {
        await b.close();
      }
    }, 120_000);
  }

  for (const who of ['admin', 'medical-assistant']) {
    it(`${who}: at 1280 x 800 the menu fits, each entry on one line, with who is signed in in full`, async () => {
      // A clinic laptop. An admin's sixteen entries had pushed "Signed in as" below the window, and
      // "Medical assistant (care-team pool)" was cut to "Medical assistant (care-team…".
      const b = await openBrowser({ width: 1280, height: 800 });
      try {
        const { page } = b;
        await signIn(page, server.url, who, PASSWORD);
        const nav = page.locator('nav');
        await expect.poll(() => page.getByTestId('signed-in-roles').textContent()).not.toBe('');
        await settled(page);
        const footer = await page.getByTestId('signed-in-as').boundingBox();
        expect(footer).not.toBeNull();
        expect((footer?.y ?? 0) + (footer?.height ?? 0)).toBeLessThanOrEqual(800);
        const tall = await nav
          .locator('a .mantine-NavLink-label')
          .evaluateAll((labels) =>
            labels.filter((l) => l.getBoundingClientRect().height > 26).map((l) => l.textContent),
          );
        expect(tall).toEqual([]);
        const cut = await page
          .getByTestId('signed-in-roles')
          .locator('*')
          .evaluateAll((els) =>
            els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent),
          );
        expect(cut).toEqual([]);
        // Every entry is still there to reach, the last one too.
        const links = nav.locator('a');
        await links.last().scrollIntoViewIfNeeded();
        expect(await links.last().isVisible()).toBe(true);
      } finally {
        await b.close();
      }
    }, 60_000);
  }

  it('on a tablet held upright (768 x 1024) the menu folds behind a button, and a chosen entry closes it', async () => {
    // At 768 px the 200 px menu left the screens 568 px: My work's folders ran off the right edge.
    const b = await openBrowser({ width: 768, height: 1024 });
    try {
      const { page } = b;
      await signIn(page, server.url, 'front-desk', PASSWORD);
      const burger = page.getByRole('button', { name: 'Open navigation' });
      await burger.waitFor();
      const main = await page.locator('main').boundingBox();
      expect(main?.x ?? -1).toBe(0);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);
      await burger.click();
      await page.locator('nav').getByRole('link', { name: 'Handbook', exact: true }).click();
      await page.waitForURL(/\/handbook/);
      // Folded away: slid off the left edge.
      await expect
        .poll(async () => {
          const box = await page.locator('nav').boundingBox();
          return (box?.x ?? 0) + (box?.width ?? 0);
        })
        .toBeLessThanOrEqual(0);
    } finally {
      await b.close();
    }
  }, 60_000);
});
