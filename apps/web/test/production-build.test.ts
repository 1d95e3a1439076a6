import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain script of the repository (no types), run by `pnpm start`, `pnpm test` and `pnpm bench`
import { buildWebApp } from '../../../scripts/build-state.mjs';

/**
 * `pnpm start` builds the web app when it is missing or stale. Run from a shell (or a test runner)
 * with NODE_ENV=development or test, Vite built React's development runtime and checks into the app
 * people were served: ~60 kB more script on the sign-in page and in My work, and slower screens.
 */
const out = mkdtempSync(join(tmpdir(), 'pf-web-build-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('the web app as start, test and bench build it', () => {
  it('is a production build whatever NODE_ENV the caller has', () => {
    const before = process.env.NODE_ENV;
    process.env.NODE_ENV = 'development';
    try {
      expect(buildWebApp({ outDir: out, stdio: 'pipe' }).status).toBe(0);
    } finally {
      process.env.NODE_ENV = before;
    }
    const assets = readdirSync(join(out, 'assets'));
    expect(assets.filter((name) => name.startsWith('jsx-dev-runtime'))).toEqual([]);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).not.toContain('jsx-dev-runtime');
    const main = assets.find((name) => /^main-.*\.js$/.test(name))!;
    expect(readFileSync(join(out, 'assets', main), 'utf8')).not.toContain('react-dom.development');
  }, 180_000);
});
