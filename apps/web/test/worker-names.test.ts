import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The server sends the app's CSP with a script only when it is a worker's (a worker's policy comes
 * from its own script's answer), and knows one by its name: `…Worker-<hash>.js`, the build naming
 * each after its source file (apps/server/src/http/security-headers.ts). A worker started from a
 * file named otherwise would run without the app's policy.
 */
const SRC = join(import.meta.dirname, '..', 'src');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? files(join(dir, d.name)) : /\.tsx?$/.test(d.name) ? [join(dir, d.name)] : [],
  );
}

describe('workers are named so the server keeps their policy', () => {
  it("every worker the app starts is a file named '…Worker.ts'", () => {
    const started = files(SRC).flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/new (?:Shared)?Worker\(\s*new URL\(\s*['"]([^'"]+)['"]/g)].map(
        (m) => ({ at: relative(SRC, f), file: m[1] as string }),
      ),
    );
    expect(started.length).toBeGreaterThan(0);
    expect(started.filter(({ file }) => !/Worker\.ts$/.test(file))).toEqual([]);
    // Any other way of starting one (a string, a variable) is not checked here: there is none.
    const unchecked = files(SRC).filter((f) =>
      /new (?:Shared)?Worker\((?!\s*new URL\(\s*['"])/.test(readFileSync(f, 'utf8')),
    );
    expect(unchecked.map((f) => relative(SRC, f))).toEqual([]);
  });
});
