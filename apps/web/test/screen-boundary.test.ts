import { describe, expect, it } from 'vitest';
import { notFetched } from '../src/screens/ScreenBoundary.tsx';

describe('a screen that cannot be shown', () => {
  it('blames the connection only when its code could not be fetched', () => {
    // Chromium, Safari and Firefox, and webpack-style chunk names.
    expect(
      notFetched(new TypeError('Failed to fetch dynamically imported module: /assets/Handbook-x.js')),
    ).toBe(true);
    expect(notFetched(new TypeError('Importing a module script failed.'))).toBe(true);
    expect(notFetched(new Error('error loading dynamically imported module'))).toBe(true);
    // A fault in the screen itself is not the person's network.
    expect(notFetched(new TypeError('(f.data ?? []).filter is not a function'))).toBe(false);
    expect(notFetched(undefined)).toBe(false);
  });
});
