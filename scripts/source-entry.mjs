// Runs a TypeScript entry on the workspace's sources in a child process without a TypeScript loader in
// that process. `node --import tsx entry.ts` cost ~1.1 s of CPU to start and ~0.4 s more for each
// worker thread (they inherit `--import tsx`, so the store's write and checkpoint threads each loaded
// tsx too): ~130 processes and as many threads per test run, a third of the unit tests' CPU on two
// cores. The entry is bundled instead with esbuild from the same sources (the `source` export
// condition, as the tests resolve them), packages from node_modules left as imports by absolute path.
//
//   import { sourceEntry } from '…/scripts/source-entry.mjs';
//   spawn(process.execPath, [sourceEntry('/abs/entry.ts'), ...args]);
//
// Each file's `import.meta.url` stays its source file's, so `new URL('./write-thread.mjs',
// import.meta.url)` and every other path found from a module's own place still point into the source
// tree. Bundles are content-addressed under node_modules/.cache/source-entries: the same sources give
// the same folder, found again by the next process instead of written twice.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { isBuiltin } from 'node:module';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = fileURLToPath(import.meta.url);
const root = dirname(dirname(here));
const cacheDir = join(root, 'node_modules/.cache/source-entries');
/** Bundles of other sources are removed once this old (a run in progress made its own by then). */
const STALE_MS = 60 * 60_000;

const built = new Map();

/** The path of a bundle of `entry` (an absolute path) and everything it imports from the workspace. */
export function sourceEntry(entry) {
  let found = built.get(entry);
  if (!found) {
    // esbuild's plugins need its asynchronous API: a short child process keeps this call synchronous
    // (`binArgs` and the like are values), once per entry and test process.
    found = execFileSync(process.execPath, [here, entry], { encoding: 'utf8' }).trim();
    built.set(entry, found);
  }
  return found;
}

/** Replaces each workspace module's `import.meta.url` and leaves node_modules outside the bundle. */
const sourcesPlugin = {
  name: 'portalflow-sources',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData === 'resolving' || args.path.startsWith('@portalflow/')) return undefined;
      if (isBuiltin(args.path)) return { path: args.path, external: true };
      const resolved = await build.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: 'resolving',
      });
      if (resolved.errors.length > 0) return { errors: resolved.errors };
      return { path: pathToFileURL(resolved.path).href, external: true };
    });
    build.onLoad({ filter: /\.(ts|mts|js|mjs)$/ }, (args) => {
      if (args.path.includes(`${'/'}node_modules${'/'}`)) return undefined;
      const url = JSON.stringify(pathToFileURL(args.path).href);
      return {
        contents: readFileSync(args.path, 'utf8').replaceAll('import.meta.url', url),
        loader: /\.m?ts$/.test(args.path) ? 'ts' : 'js',
        resolveDir: dirname(args.path),
      };
    });
  },
};

async function bundle(entry) {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    conditions: ['source'],
    keepNames: true,
    absWorkingDir: root,
    outdir: 'out',
    outExtension: { '.js': '.mjs' },
    entryNames: '[name]',
    write: false,
    logLevel: 'error',
    plugins: [sourcesPlugin],
  });
  const hash = createHash('sha256');
  for (const file of result.outputFiles) hash.update(relative(root, file.path)).update(file.contents);
  const name = basename(entry).replace(/\.[^.]+$/, '');
  const folder = join(cacheDir, `${name}-${hash.digest('hex').slice(0, 16)}`);
  if (!existsSync(folder)) {
    const temporary = `${folder}.${process.pid}`;
    const outRoot = join(root, 'out');
    for (const file of result.outputFiles) {
      const target = join(temporary, relative(outRoot, file.path));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, file.contents);
    }
    try {
      renameSync(temporary, folder);
    } catch {
      // Another process wrote the same bundle first: its folder is this one.
      rmSync(temporary, { recursive: true, force: true });
    }
  }
  removeStale(name, folder);
  return join(folder, `${name}.mjs`);
}

function removeStale(name, keep) {
  for (const other of readdirSync(cacheDir)) {
    const path = join(cacheDir, other);
    if (path === keep || !other.startsWith(`${name}-`)) continue;
    try {
      if (Date.now() - statSync(path).mtimeMs > STALE_MS) rmSync(path, { recursive: true, force: true });
    } catch {
      // Removed by another process meanwhile.
    }
  }
}

if (process.argv[1] === here) {
  process.stdout.write(`${await bundle(process.argv[2])}\n`);
}
