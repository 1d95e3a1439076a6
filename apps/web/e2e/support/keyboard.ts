import type { Page } from 'playwright-core';

/**
 * Driving a page with the keyboard only, as a person who uses no mouse does: what has the focus, and
 * Tab pressed until it reaches something.
 */

/** What has the focus, by its test id (or tag) and text: what the next key press acts on. */
export async function focused(page: Page): Promise<{ testId: string | null; tag: string; text: string }> {
  return page.evaluate(() => {
    const e = document.activeElement as HTMLElement | null;
    return {
      testId: e?.closest('[data-testid]')?.getAttribute('data-testid') ?? null,
      tag: e?.tagName.toLowerCase() ?? '',
      text: (e?.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 80),
    };
  });
}

/** Presses Tab (or Shift+Tab) until the focus is on what `reached` says, or fails after `max`. */
export async function tabTo(
  page: Page,
  reached: (f: Awaited<ReturnType<typeof focused>>) => boolean,
  max = 40,
  key: 'Tab' | 'Shift+Tab' = 'Tab',
): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const f = await focused(page);
    seen.push(`${f.testId ?? f.tag} "${f.text}"`);
    if (reached(f)) return seen;
  }
  throw new Error(`not reached by ${key}; went through:\n${seen.join('\n')}`);
}

export const byTestId = (id: string) => (f: { testId: string | null }) => f.testId === id;
