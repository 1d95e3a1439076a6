import type { Locator, Page } from 'playwright-core';

/**
 * The contrast of an element's text against what is drawn behind it, computed from the browser's
 * own colours (a translucent background is laid over the page's white). axe reports text whose colour
 * equals its background only as "incomplete" (it could be hidden on purpose), so a badge whose word
 * is painted in its own background colour passes axe; this does not.
 */
export async function textContrast(element: Locator): Promise<number> {
  const [fg, bg] = await element.evaluate((el) => {
    const label = (el.querySelector('[class*="label"]') as HTMLElement | null) ?? (el as HTMLElement);
    return [getComputedStyle(label).color, getComputedStyle(el).backgroundColor];
  });
  const parse = (css: string) => {
    const [r = 0, g = 0, b = 0, a = 1] = (css.match(/[\d.]+/g) ?? []).map(Number);
    return { r, g, b, a: css.startsWith('rgba') ? a : 1 };
  };
  const over = (c: { r: number; g: number; b: number; a: number }) => ({
    r: c.r * c.a + 255 * (1 - c.a),
    g: c.g * c.a + 255 * (1 - c.a),
    b: c.b * c.a + 255 * (1 - c.a),
  });
  const luminance = ({ r, g, b }: { r: number; g: number; b: number }) => {
    const lin = (v: number) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
  const back = over(parse(bg));
  const front = parse(fg);
  const text = over({ ...front, a: front.a });
  const [hi, lo] = [luminance(text), luminance(back)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The focus indicator drawn around what has the focus, measured from the browser's own styles. */
export interface FocusRing {
  /** What has the focus (tag, role, test id), to say which control a failure is about. */
  control: string;
  /** How thick the indicator is: the outline's width, or a box shadow's spread, in CSS px. */
  width: number;
  /** Its colour against what the same pixels show without the focus: the background behind. */
  contrast: number;
}

/**
 * The focus indicator of whatever has the focus. WCAG 2.2 (Focus Appearance) asks for one at least
 * 2 px thick whose pixels change by 3:1 or more between focused and unfocused: an outline drawn
 * outside the control is measured against the nearest background behind it (white at the page).
 * A text box that only recolours its 1 px border has no outline and no shadow: width 0.
 */
export async function focusRing(page: Page): Promise<FocusRing> {
  const { control, rings, background } = await page.evaluate(() => {
    const active = document.activeElement as HTMLElement | null;
    if (!active || active === document.body) return { control: 'nothing', rings: [], background: '' };
    // A switch's real checkbox is drawn nowhere (0 × 0, transparent): its ring is on the track beside it.
    const painted = (e: Element) => {
      const box = e.getBoundingClientRect();
      const look = getComputedStyle(e);
      return box.width > 1 && box.height > 1 && look.opacity !== '0' && look.visibility !== 'hidden';
    };
    const next = active.nextElementSibling;
    const el = !painted(active) && next && painted(next) ? (next as HTMLElement) : active;
    const style = getComputedStyle(el);
    const found: Array<{ width: number; color: string }> = [];
    if (style.outlineStyle !== 'none')
      found.push({ width: Number.parseFloat(style.outlineWidth), color: style.outlineColor });
    // Each shadow reads "rgb(…) x y blur spread [inset]": a solid ring is a spread without blur.
    for (const shadow of style.boxShadow === 'none' ? [] : style.boxShadow.split(/,(?![^(]*\))/)) {
      const color = shadow.match(/rgba?\([^)]*\)/)?.[0] ?? '';
      const [, , blur = 0, spread = 0] = (shadow.replace(color, '').match(/-?[\d.]+px/g) ?? []).map(
        Number.parseFloat,
      );
      if (blur === 0 && spread > 0) found.push({ width: spread, color });
    }
    let behind = '';
    for (let node = el.parentElement; node && !behind; node = node.parentElement) {
      const bg = getComputedStyle(node).backgroundColor;
      if (!/^rgba\(.*,\s*0\)$/.test(bg) && bg !== 'transparent') behind = bg;
    }
    const name = [
      active.tagName.toLowerCase(),
      active.getAttribute('type'),
      active.getAttribute('role'),
      active.closest('[data-testid]')?.getAttribute('data-testid'),
    ]
      .filter(Boolean)
      .join(' ');
    return { control: name, rings: found, background: behind || 'rgb(255, 255, 255)' };
  });
  const best = rings.sort((a, b) => b.width - a.width)[0];
  if (!best) return { control, width: 0, contrast: 1 };
  return { control, width: best.width, contrast: colourContrast(best.color, background) };
}

/** The contrast ratio of two CSS colours, each laid over white when translucent. */
export function colourContrast(first: string, second: string): number {
  const parse = (css: string) => {
    const [r = 0, g = 0, b = 0, a = 1] = (css.match(/[\d.]+/g) ?? []).map(Number);
    const alpha = css.startsWith('rgba') ? a : 1;
    return {
      r: r * alpha + 255 * (1 - alpha),
      g: g * alpha + 255 * (1 - alpha),
      b: b * alpha + 255 * (1 - alpha),
    };
  };
  const luminance = ({ r, g, b }: { r: number; g: number; b: number }) => {
    const lin = (v: number) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
  const [hi, lo] = [luminance(parse(first)), luminance(parse(second))].sort((x, y) => y - x) as [
    number,
    number,
  ];
  return (hi + 0.05) / (lo + 0.05);
}
