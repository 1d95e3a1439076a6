import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * One query key, one answer. React Query keeps one cache entry per key, so two screens that load different
 * shapes under the same key break each other: Workflows stored `{ definitions }` under `['definitions']`
 * and the Handbook, expecting the list, failed after it; Accounts stored the roles with the system roles
 * added and the Roles page failed after it. Every literal key must be loaded the same way everywhere
 * (a shared `*Query` object or hook); a screen that needs another shape uses `select`.
 */

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe('query keys', () => {
  it('each literal key is loaded by one query function', () => {
    const loaders = new Map<string, Set<string>>();
    for (const file of sources(SRC)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/queryKey:\s*(\[[^\]]*\])\s*,\s*queryFn:\s*([^\n]+)/g)) {
        const key = m[1]!.replace(/\s+/g, ' ');
        const fn = m[2]!.trim();
        const seen = loaders.get(key) ?? new Set<string>();
        seen.add(`${fn}  (${relative(SRC, file)})`);
        loaders.set(key, seen);
      }
    }
    expect(loaders.size).toBeGreaterThan(10);
    const clashes = [...loaders]
      .filter(([, fns]) => new Set([...fns].map((f) => f.replace(/\s+\(.*\)$/, ''))).size > 1)
      .map(([key, fns]) => `${key}: ${[...fns].join(' | ')}`);
    expect(clashes).toEqual([]);
  });
});
