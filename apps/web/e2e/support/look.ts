import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';

/**
 * The folder named by PORTALFLOW_E2E_LOOK, where pictures taken for a person to look at go: a screen
 * being worked on, a run at another hour. Unset (as in CI), nothing is written, so a test run leaves no
 * pictures behind.
 */
export function lookFolder(): string | undefined {
  return process.env.PORTALFLOW_E2E_LOOK || undefined;
}

/**
 * A picture of the page (or one part of it) to look at while working on a screen, written to
 * `$PORTALFLOW_E2E_LOOK/<name>.png` only when that names a folder. What a test checks never depends
 * on it; README pictures go through `screenshot()` in browser.ts.
 */
export async function look(
  target: Page | Locator,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<void> {
  const folder = lookFolder();
  if (!folder) return;
  mkdirSync(folder, { recursive: true });
  const path = join(folder, `${name}.png`);
  if ('mainFrame' in target) await target.screenshot({ path, fullPage: options.fullPage === true });
  else await target.screenshot({ path });
}
