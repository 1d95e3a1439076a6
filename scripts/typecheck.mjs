// Type-checks the Node packages (one program, tsconfig.json), the web app (its own options) and the
// browser tests (Node and DOM both: apps/web/e2e/tsconfig.json) side by side; exits non-zero when any
// finds a problem.
import { spawn } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const programs = [
  ['Node packages', ['tsc', '-p', '.']],
  ['web app', ['tsc', '-p', 'apps/web']],
  ['browser tests', ['tsc', '-p', 'apps/web/e2e']],
];

const results = await Promise.all(
  programs.map(
    ([name, args]) =>
      new Promise((resolve) => {
        const started = Date.now();
        const child = spawn('npx', args, { cwd: root, stdio: 'inherit' });
        child.on('close', (code) => {
          console.log(
            `typecheck: ${name} ${code === 0 ? 'clean' : 'has problems'} (${Math.round((Date.now() - started) / 1000)} s)`,
          );
          resolve(code ?? 1);
        });
      }),
  ),
);
process.exit(results.some((code) => code !== 0) ? 1 : 0);
