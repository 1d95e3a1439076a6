// Whether the compiled packages and the built web app are older than what they are built from:
// `pnpm start` rebuilds only then, and the load benchmark measures a build that is current.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const at = (...path) => join(root, ...path);

/** The compiled projects, in `tsconfig.build.json`: each has src/ → dist/ with a build-info stamp. */
export const PROJECTS = [
  'packages/engine',
  'packages/diagram',
  'packages/contract',
  'packages/store',
  'packages/bpmn',
  'examples',
  'apps/server',
  'packages/cli',
];
const SHARED_CONFIG = ['tsconfig.base.json', 'tsconfig.build-base.json', 'tsconfig.build.json'];

/**
 * What the web app is built from: its own files and the sources of the workspace packages it bundles
 * (apps/web/test/build-inputs.test.ts keeps this list whole).
 */
export const WEB_INPUTS = [
  'apps/web/src',
  'apps/web/build',
  'apps/web/public',
  'apps/web/index.html',
  'apps/web/help.html',
  'apps/web/vite.config.ts',
  'apps/web/package.json',
  'vitest.shared.ts',
  'packages/engine/src',
  'packages/contract/src',
  'packages/diagram/src',
  'packages/bpmn/src',
];

/** Newest modification time under the given files and folders (0 when none exist). */
function newest(paths) {
  let latest = 0;
  const visit = (path) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const name of readdirSync(path))
        if (name !== 'node_modules' && name !== 'dist') visit(join(path, name));
    } else latest = Math.max(latest, stat.mtimeMs);
  };
  for (const path of paths) visit(path);
  return latest;
}

/** Modification time of a build output, or -1 when it is missing. */
function builtAt(path) {
  return existsSync(path) ? statSync(path).mtimeMs : -1;
}

/** The packages: stale when any project's sources or configuration are newer than its build info. */
export function packagesStale() {
  const shared = newest(SHARED_CONFIG.map((f) => at(f)));
  return PROJECTS.some((project) => {
    const stamp = builtAt(at(project, 'dist', '.tsbuildinfo'));
    if (stamp < 0 || !existsSync(at(project, 'dist', 'index.js'))) return true;
    const inputs = newest([
      at(project, 'src'),
      at(project, 'package.json'),
      at(project, 'tsconfig.build.json'),
    ]);
    return Math.max(inputs, shared) > stamp;
  });
}

/** The web app (apps/web/dist): stale when missing or older than anything it is built from. */
export function webStale() {
  const stamp = builtAt(at('apps/web/dist/index.html'));
  return stamp < 0 || newest(WEB_INPUTS.map((p) => at(p))) > stamp;
}

/**
 * Builds the web app (into apps/web/dist, or `outDir`) for production, whatever NODE_ENV the caller
 * has: under `development` or `test` (a shell's habit, or a test runner starting `pnpm start`) Vite
 * built React's development runtime and checks into the app people were served.
 */
export function buildWebApp({ outDir, stdio = 'inherit' } = {}) {
  const vite = join(
    dirname(createRequire(at('apps/web/package.json')).resolve('vite/package.json')),
    'bin',
    'vite.js',
  );
  const args = ['build', '--logLevel', 'warn', ...(outDir ? ['--outDir', outDir, '--emptyOutDir'] : [])];
  return spawnSync(process.execPath, [vite, ...args], {
    cwd: at('apps/web'),
    stdio,
    env: { ...process.env, NODE_ENV: 'production' },
  });
}
