import { describe, expect, it } from 'vitest';
import { TEXT, textWidth, wrapText } from '../src/index.ts';

describe('text measurement and wrapping', () => {
  it('measures every printable character (no gaps in the width tables)', () => {
    for (let c = 32; c <= 126; c++) {
      const ch = String.fromCharCode(c);
      expect(textWidth(ch, TEXT.title)).toBeGreaterThan(0);
      expect(Number.isFinite(textWidth(ch, TEXT.subtitle))).toBe(true);
    }
    expect(textWidth('WWW', TEXT.title)).toBeGreaterThan(textWidth('iii', TEXT.title));
    expect(textWidth('Bold', TEXT.title)).toBeGreaterThan(textWidth('Bold', { ...TEXT.title, weight: 400 }));
  });

  it('wraps at spaces to the given width and drops nothing', () => {
    const title = 'Answer the clinical question or route it to the provider';
    const lines = wrapText(title, TEXT.title, 150);
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(textWidth(l, TEXT.title)).toBeLessThanOrEqual(150);
    expect(lines.join(' ')).toBe(title);
  });

  it('splits a word wider than the line with a hyphen instead of cutting it', () => {
    const word = 'Pneumonoultramicroscopicsilicovolcanoconiosis';
    const lines = wrapText(word, TEXT.title, 80);
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(textWidth(l, TEXT.title)).toBeLessThanOrEqual(80);
    expect(lines.join('').replace(/-/g, '')).toBe(word);
  });
});
