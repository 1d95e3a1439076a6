import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { ResolvedConfig } from 'vite';
import { afterEach, describe, expect, it } from 'vitest';
import { precompress } from '../build/precompress.ts';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Runs the plugin's hooks on a finished build in `outDir`, as Vite does at the end of `vite build`. */
async function run(root: string) {
  const plugin = precompress();
  const hook = <T>(h: unknown) => (typeof h === 'function' ? h : (h as { handler: T }).handler) as T;
  hook<(c: ResolvedConfig) => void>(plugin.configResolved)({
    root,
    build: { outDir: 'dist' },
  } as ResolvedConfig);
  await hook<() => Promise<void>>(plugin.closeBundle).call({});
}

describe('precompressed copies written at build time', () => {
  it('writes .br and .gz beside each text file that decode to it; skips small and binary files', async () => {
    dir = await mkdtemp(join(tmpdir(), 'pf-precompress-'));
    const out = join(dir, 'dist');
    await mkdir(join(out, 'assets'), { recursive: true });
    const script = Array.from({ length: 300 }, (_, i) => `export const s${i} = "step ${i}";`).join('\n');
    const css = '.pf-step { color: teal; }\n'.repeat(100);
    await writeFile(join(out, 'assets', 'main-abc.js'), script);
    await writeFile(join(out, 'assets', 'main-abc.css'), css);
    await writeFile(join(out, 'sw.js'), script);
    await writeFile(join(out, 'index.html'), '<!doctype html><div id="root"></div>');
    await writeFile(join(out, 'assets', 'logo.png'), new Uint8Array(4096));
    await run(dir);

    for (const [path, text] of [
      ['assets/main-abc.js', script],
      ['assets/main-abc.css', css],
      ['sw.js', script],
    ] as const) {
      const br = await readFile(join(out, `${path}.br`));
      const gz = await readFile(join(out, `${path}.gz`));
      expect(br.byteLength).toBeLessThan(text.length / 4);
      expect(gz.byteLength).toBeLessThan(text.length / 3);
      expect(brotliDecompressSync(br).toString()).toBe(text);
      expect(gunzipSync(gz).toString()).toBe(text);
    }
    // Under 1 KiB: not worth a copy. Images: compressed already.
    expect((await readdir(out)).filter((f) => f.startsWith('index.html.'))).toEqual([]);
    expect((await readdir(join(out, 'assets'))).filter((f) => f.startsWith('logo.png.'))).toEqual([]);
  });
});
