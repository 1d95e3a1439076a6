import type { TextStyle } from './theme.ts';

/**
 * Text width without a DOM: Helvetica's advance widths (1/1000 em, regular and bold) for printable
 * ASCII, scaled up to the widest common fallback (DejaVu Sans runs ~12% wider). Measuring on the
 * wide side means a wrapped line always fits its box, whichever of the listed fonts the viewer has.
 */
const REGULAR =
  '278 278 355 556 556 889 667 191 333 333 389 584 278 333 278 278 556 556 556 556 556 556 556 556 556 556 278 278 584 584 584 556 1015 667 667 722 722 667 611 778 722 278 500 667 556 833 722 778 667 778 722 667 611 722 667 944 667 667 611 278 278 278 469 556 333 556 556 500 556 556 278 556 556 222 222 500 222 833 556 556 556 556 333 500 278 556 500 722 500 500 500 334 260 334 584';
const BOLD =
  '278 333 474 556 556 889 722 238 333 333 389 584 278 333 278 278 556 556 556 556 556 556 556 556 556 556 333 333 584 584 584 611 975 722 722 722 722 667 611 778 722 278 556 722 611 833 722 778 667 778 722 667 611 722 667 944 667 667 611 333 278 333 584 556 333 556 611 556 611 556 333 611 611 278 278 556 278 889 611 611 611 611 389 556 333 611 556 778 556 556 500 389 280 389 584';
const table = (s: string) => s.split(' ').map(Number);
const WIDTHS = { 400: table(REGULAR), 600: table(BOLD) } as const;
const FALLBACK_SCALE = 1.12;
const OTHER = 620;

export function textWidth(text: string, style: Pick<TextStyle, 'size' | 'weight'>): number {
  const widths = WIDTHS[style.weight];
  let units = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    units += code >= 32 && code <= 126 ? widths[code - 32]! : OTHER;
  }
  return (units / 1000) * style.size * FALLBACK_SCALE;
}

/**
 * Breaks `text` into lines no wider than `maxWidth`, at spaces; a single word wider than the line
 * is split with a hyphen. Nothing is ever dropped or cut with an ellipsis.
 */
export function wrapText(
  text: string,
  style: Pick<TextStyle, 'size' | 'weight'>,
  maxWidth: number,
): string[] {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  const fits = (s: string) => textWidth(s, style) <= maxWidth;
  for (const word of words) {
    const candidate = line ? `${line} ${word}` : word;
    if (fits(candidate)) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = '';
    let rest = word;
    while (!fits(rest)) {
      let cut = rest.length - 1;
      while (cut > 1 && !fits(`${rest.slice(0, cut)}-`)) cut--;
      lines.push(`${rest.slice(0, cut)}-`);
      rest = rest.slice(cut);
    }
    line = rest;
  }
  if (line) lines.push(line);
  return lines.length > 0 ? lines : [''];
}

/** The widest line of a block of text. */
export function blockWidth(lines: readonly string[], style: Pick<TextStyle, 'size' | 'weight'>): number {
  return Math.max(0, ...lines.map((l) => textWidth(l, style)));
}
