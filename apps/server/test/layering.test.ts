import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { InstanceService } from '../src/instances/service.ts';

const src = resolve(dirname(fileURLToPath(import.meta.url)), '../src');

/** Every module `file` reaches through its imports: relative ones as paths under src/, packages by name. */
function reach(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?\bfrom\s*['"]([^'"]+)['"]/g)) {
      const spec = m[1]!;
      if (spec.startsWith('.')) visit(resolve(dirname(file), spec));
      else packages.add(spec);
    }
  };
  visit(resolve(src, entry));
  return { files, packages };
}

const under = (files: Set<string>, folder: string) =>
  [...files].map((f) => relative(src, f)).filter((f) => f.startsWith(`${folder}/`));

describe('the instance service stands below the routes (no back-edges)', () => {
  for (const entry of ['instances/service.ts', 'instances/commands.ts', 'instances/replies.ts']) {
    it(`${entry} reaches no route and no HTTP request object`, () => {
      const { files, packages } = reach(entry);
      expect(under(files, 'routes')).toEqual([]);
      // The request (Hono's Context) never reaches the service: commands and access entries arrive as data.
      expect([...packages].filter((p) => p === 'hono' || p.startsWith('hono/'))).toEqual([]);
      expect(under(files, 'http').filter((f) => f !== 'http/errors.ts')).toEqual([]);
    });
  }

  it('the walk sees imports (it finds the commands and the engine from the service)', () => {
    const { files, packages } = reach('instances/service.ts');
    expect([...files].map((f) => relative(src, f))).toContain('instances/commands.ts');
    expect(packages.has('@portalflow/engine')).toBe(true);
  });

  it('the commands module is pure: no store, clock or I/O', () => {
    const { files, packages } = reach('instances/commands.ts');
    const text = [...files].map((f) => readFileSync(f, 'utf8')).join('\n');
    expect([...packages].filter((p) => p.startsWith('node:'))).toEqual([]);
    expect(text).not.toMatch(/\bDate\.now\(|new Date\(|Math\.random\(/);
    expect(readFileSync(resolve(src, 'instances/commands.ts'), 'utf8')).not.toMatch(/\bawait\b|async /);
  });
});

/** True when no part of T is a function: what crosses into the service is data only. */
type DataOnly<T> = [T] extends [(...args: never[]) => unknown]
  ? false
  : [T] extends [readonly (infer E)[]]
    ? AllTrue<E extends unknown ? DataOnly<E> : never>
    : [T] extends [object]
      ? AllTrue<{ [K in keyof T]-?: DataOnly<T[K]> }[keyof T]>
      : true;
/** `true` only when every member is `true` (a union of true and false is not). */
type AllTrue<B> = [B] extends [true] ? true : false;

describe('what a route hands the instance service is data', () => {
  it('start and act take no callbacks (checked by the type checker)', () => {
    const act: DataOnly<Parameters<InstanceService['act']>> = true;
    const start: DataOnly<Parameters<InstanceService['start']>> = true;
    expect([act, start]).toEqual([true, true]);
  });
});
