import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain script of the repository (no types), run by `pnpm start` and `pnpm bench`
import { WEB_INPUTS } from '../../../scripts/build-state.mjs';

/**
 * `pnpm start` rebuilds the web app only when something it is built from is newer than the build
 * (scripts/build-state.mjs), and the load benchmark measures that build. A source left off the list
 * serves, and measures, yesterday's app after it changed.
 */
const WEB = join(import.meta.dirname, '..');

describe('what the web app is built from', () => {
  it('includes the sources of every workspace package it bundles, and its own build plugins', () => {
    const pkg = JSON.parse(readFileSync(join(WEB, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const bundled = Object.keys(pkg.dependencies)
      .filter((name) => name.startsWith('@portalflow/'))
      .map((name) => `packages/${name.slice('@portalflow/'.length)}/src`);
    expect(bundled.length).toBeGreaterThan(3);
    const inputs = WEB_INPUTS as string[];
    expect(bundled.filter((dir) => !inputs.includes(dir))).toEqual([]);
    for (const own of ['apps/web/src', 'apps/web/build', 'apps/web/public', 'apps/web/vite.config.ts'])
      expect(inputs).toContain(own);
  });
});
