import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin, ResolvedConfig } from 'vite';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** Text the server may send compressed; images and fonts are compressed already. */
const TEXT = new Set(['.html', '.js', '.css', '.svg', '.json', '.txt']);
/** Smaller files gain too little to be worth a second and third copy. */
const MIN_BYTES = 1024;

/**
 * Writes `<file>.br` and `<file>.gz` beside every text file of the build (public files included),
 * at the strongest settings, once: the server then picks the copy the browser accepts and never
 * compresses a file per request. A copy that would not be smaller is not written.
 */
export function precompress(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'portalflow:precompress',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    async closeBundle() {
      const outDir = resolve(config.root, config.build.outDir);
      for (const file of await textFiles(outDir)) {
        const source = await readFile(file);
        if (source.byteLength < MIN_BYTES) continue;
        const [br, gz] = await Promise.all([
          brotli(source, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
              [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
              [constants.BROTLI_PARAM_SIZE_HINT]: source.byteLength,
            },
          }),
          gzipped(source, { level: constants.Z_BEST_COMPRESSION }),
        ]);
        if (br.byteLength < source.byteLength) await writeFile(`${file}.br`, br);
        if (gz.byteLength < source.byteLength) await writeFile(`${file}.gz`, gz);
      }
    },
  };
}

async function textFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const name of await readdir(dir)) {
    const path = join(dir, name);
    if ((await stat(path)).isDirectory()) found.push(...(await textFiles(path)));
    else if (TEXT.has(extname(name))) found.push(path);
  }
  return found;
}
