// `pnpm start`: the demo on the compiled server. Builds only what is missing or older than its
// sources (the packages with `tsc -b`, the web app with Vite), then runs
// `node packages/cli/dist/main.js serve --demo [arguments given to start]` — plain Node, no tsx.
// Type checking is not done here: it belongs to `pnpm typecheck`, `pnpm test` and CI.
import { spawn, spawnSync } from 'node:child_process';
import { utimesSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWebApp, PROJECTS, packagesStale, webStale } from './build-state.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const at = (...path) => join(root, ...path);

/** Runs one build step (`step` returns its process's result), saying how long it took; exits if it fails. */
function run(label, step) {
  const started = performance.now();
  process.stdout.write(`start: ${label}…\n`);
  const result = step();
  if (result.status !== 0) {
    process.stderr.write(`start: ${label} failed (exit ${result.status ?? result.signal})\n`);
    process.exit(result.status ?? 1);
  }
  process.stdout.write(`start: ${label} took ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}

if (packagesStale()) {
  const tsc = createRequire(at('package.json')).resolve('typescript/bin/tsc');
  run('compiling the packages (tsc -b)', () =>
    spawnSync(process.execPath, [tsc, '-b', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' }),
  );
  // tsc -b leaves an up-to-date project's build info alone: mark every project as checked now.
  const now = new Date();
  for (const project of PROJECTS) utimesSync(at(project, 'dist', '.tsbuildinfo'), now, now);
}
if (webStale()) run('building the web app (vite build)', () => buildWebApp());

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
