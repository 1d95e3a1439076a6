import type { Locator } from 'playwright-core';

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
