import type { Page } from 'playwright-core';

/** One heading as a screen reader lists it: its level and its words. */
export interface Heading {
  level: number;
  text: string;
}

/**
 * The page's headings in reading order, as a screen reader's heading list shows them: h1–h6 and
 * anything given the heading role (its aria-level), skipping what is hidden from everyone.
 */
export async function headingOutline(page: Page): Promise<Heading[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('h1, h2, h3, h4, h5, h6, [role="heading"]')]
      .filter((h) => h.getClientRects().length > 0 && !h.closest('[aria-hidden="true"]'))
      .map((h) => ({
        level: Number(h.getAttribute('aria-level') ?? h.tagName.slice(1)),
        text: (h.textContent ?? '').trim().replace(/\s+/g, ' '),
      })),
  );
}

/**
 * What is wrong with an outline, in words: not exactly one h1, or a level skipped on the way down
 * (an h2 followed by an h4). Empty when the outline is in order.
 */
export function outlineProblems(outline: Heading[]): string[] {
  const problems: string[] = [];
  const ones = outline.filter((h) => h.level === 1);
  if (ones.length !== 1) problems.push(`${ones.length} h1 headings: ${ones.map((h) => h.text).join(', ')}`);
  let previous = 0;
  for (const h of outline) {
    if (h.level > previous + 1) problems.push(`h${h.level} “${h.text}” after h${previous}`);
    previous = h.level;
  }
  return problems;
}
