import type { Page } from 'playwright-core';

/**
 * Waits (up to 2 s) until no finite transition or animation runs: a tooltip fading out over a button
 * just clicked would otherwise be measured half transparent (axe), and a drawer still sliding in would
 * be pictured over the page behind it (screenshots). Endless ones (a loading spinner) are not waited for.
 */
export async function settled(page: Page): Promise<void> {
  await page
    .waitForFunction(
      () =>
        document
          .getAnimations()
          .every(
            (a) =>
              a.playState !== 'running' ||
              a.effect?.getComputedTiming().iterations === Number.POSITIVE_INFINITY,
          ),
      undefined,
      { timeout: 2000, polling: 50 },
    )
    .catch(() => undefined);
}
