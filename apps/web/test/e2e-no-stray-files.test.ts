import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * A browser test run leaves nothing behind outside the repository's own output: pictures to look at go
 * through look() (support/look.ts, written only when PORTALFLOW_E2E_LOOK names a folder) and README
 * pictures through screenshot() (support/browser.ts). A picture written straight to /tmp piles up on
 * every machine that runs the suite, and collides between runs side by side.
 */
const E2E = join(import.meta.dirname, '..', 'e2e');
const ALLOWED = new Set(['support/look.ts', 'support/browser.ts']);

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? files(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : [],
  );
}

describe('browser tests write no stray files', () => {
  it('no test takes a picture of its own or names a path under /tmp', () => {
    const strays = files(E2E)
      .map((f) => ({ file: relative(E2E, f), text: readFileSync(f, 'utf8') }))
      .filter(({ file }) => !ALLOWED.has(file))
      .flatMap(({ file, text }) =>
        text
          .split('\n')
          .map((line, i) => ({ line, at: `${file}:${i + 1}` }))
          .filter(({ line }) => /\.screenshot\(|['"`]\/tmp\//.test(line))
          .map(({ at }) => `${at}: use look() from support/look.ts`),
      );
    expect(strays).toEqual([]);
  });
});
