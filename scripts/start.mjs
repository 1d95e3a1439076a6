// `pnpm start`: the demo on the compiled server. Builds only what is missing or older than its
// sources (the packages with `tsc -b`, the web app with Vite), then runs
// `node packages/cli/dist/main.js serve --demo [arguments given to start]` — plain Node, no tsx.
// Type checking is not done here: it belongs to `pnpm typecheck`, `pnpm test` and CI.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const at = (...path) => join(root, ...path);

/** The compiled projects, in `tsconfig.build.json`: each has src/ → dist/ with a build-info stamp. */
const PROJECTS = [
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

function run(label, command, args, cwd = root) {
  const started = performance.now();
  process.stdout.write(`start: ${label}…\n`);
  const result = spawnSync(process.execPath, [command, ...args], { cwd, stdio: 'inherit' });
  if (result.status !== 0) {
    process.stderr.write(`start: ${label} failed (exit ${result.status ?? result.signal})\n`);
    process.exit(result.status ?? 1);
  }
  process.stdout.write(`start: ${label} took ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}

/** The packages: stale when any project's sources or configuration are newer than its build info. */
function packagesStale() {
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

/** The web app bundles the engine, diagram and BPMN sources too. */
function webStale() {
  const stamp = builtAt(at('apps/web/dist/index.html'));
  if (stamp < 0) return true;
  const inputs = newest([
    at('apps/web/src'),
    at('apps/web/public'),
    at('apps/web/index.html'),
    at('apps/web/help.html'),
    at('apps/web/vite.config.ts'),
    at('apps/web/package.json'),
    at('vitest.shared.ts'),
    at('packages/engine/src'),
    at('packages/diagram/src'),
    at('packages/bpmn/src'),
  ]);
  return inputs > stamp;
}

if (packagesStale()) {
  const tsc = createRequire(at('package.json')).resolve('typescript/bin/tsc');
  run('compiling the packages (tsc -b)', tsc, ['-b', 'tsconfig.build.json']);
  // tsc -b leaves an up-to-date project's build info alone: mark every project as checked now.
  const now = new Date();
  for (const project of PROJECTS) utimesSync(at(project, 'dist', '.tsbuildinfo'), now, now);
}
if (webStale()) {
  const webRequire = createRequire(at('apps/web/package.json'));
  const vite = join(dirname(webRequire.resolve('vite/package.json')), 'bin', 'vite.js');
  run('building the web app (vite build)', vite, ['build', '--logLevel', 'warn'], at('apps/web'));
}

// What follows `pnpm start` is for `serve`; `pnpm start -- --port 4000` (the npm habit) passes a
// leading `--` through, which would turn the options after it into arguments.
const given = process.argv.slice(2);
const forServe = given[0] === '--' ? given.slice(1) : given;

// The server in its own process, on the compiled JavaScript; this one only relays signals and the exit code.
const server = spawn(process.execPath, [at('packages/cli/dist/main.js'), 'serve', '--demo', ...forServe], {
  stdio: 'inherit',
});
// Ctrl-C reaches the whole foreground process group, the server included: it shuts down by itself.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => server.kill('SIGTERM'));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
