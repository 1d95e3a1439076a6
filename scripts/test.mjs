// Runs every test suite and ends with one plain "N passed, N failed" line computed from the
// runners' own JSON results (CI reads that line, not vitest's summary).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const outDir = join(root, 'test-results');
mkdirSync(outDir, { recursive: true });

let passed = 0;
let failed = 0;
let skipped = 0;
let exitCode = 0;
/** Tests that failed and then passed when run again (browser tests get a second try): races to find. */
const secondTry = [];

/** Errors outside any test (an unhandled rejection): vitest fails the run for them, so do we. */
const unhandled = [];

function runVitest(name, args) {
  const outputFile = join(outDir, `${name}.json`);
  const unhandledFile = join(outDir, `${name}-unhandled.json`);
  rmSync(outputFile, { force: true });
  rmSync(unhandledFile, { force: true });
  const result = spawnSync(
    'npx',
    [
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      `--reporter=${join(root, 'scripts/unhandled-reporter.mjs')}`,
      `--outputFile.json=${outputFile}`,
      ...args,
    ],
    { cwd: root, stdio: 'inherit', env: { ...process.env, PORTALFLOW_UNHANDLED_FILE: unhandledFile } },
  );
  if (!existsSync(outputFile)) {
    console.error(`${name}: the test runner wrote no results (exit ${result.status})`);
    failed += 1;
    exitCode = 1;
    return;
  }
  const report = JSON.parse(readFileSync(outputFile, 'utf8'));
  for (const file of report.testResults ?? []) {
    if (file.status === 'failed' && (file.assertionResults ?? []).length === 0) failed += 1; // a file that failed to load
    for (const test of file.assertionResults ?? []) {
      if (test.status === 'passed' && (test.failureMessages ?? []).length > 0)
        secondTry.push({ file: file.name, test: test.fullName, first: test.failureMessages[0] });
      if (test.status === 'passed') passed += 1;
      else if (test.status === 'failed') failed += 1;
      else skipped += 1;
    }
  }
  if (existsSync(unhandledFile)) {
    const errors = JSON.parse(readFileSync(unhandledFile, 'utf8'));
    for (const error of errors) unhandled.push({ suite: name, ...error });
    failed += errors.length;
  }
  if (result.status !== 0) {
    exitCode = 1;
    if (failed === 0)
      console.error(
        `${name}: the test runner exited ${result.status} with no test failed (see its output above)`,
      );
  }
}

/** Debian's Chromium for the browser tests; installed with apt when missing (never a browser download). */
function ensureChromium() {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (existsSync(path)) return true;
  if (process.getuid?.() !== 0) {
    console.error(`e2e: ${path} is missing; install Debian's chromium package (apt-get install chromium)`);
    return false;
  }
  console.log('e2e: installing Debian chromium with apt-get…');
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  const install =
    update.status === 0 &&
    spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  return install && install.status === 0 && existsSync(path);
}

const only = process.argv.slice(2);
runVitest('unit', only);

if (only.length === 0 && process.env.PORTALFLOW_SKIP_E2E !== '1') {
  const built = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
    cwd: join(root, 'apps/web'),
    stdio: 'inherit',
  });
  if (built.status !== 0) {
    console.error('e2e: the web app did not build');
    failed += 1;
    exitCode = 1;
  } else if (!ensureChromium()) {
    failed += 1;
    exitCode = 1;
  } else {
    runVitest('e2e', ['--config', 'apps/web/e2e/vitest.config.ts']);
  }
}

if (secondTry.length > 0) {
  console.log(
    `\nPassed only on a second try (${secondTry.length}): each is a race to find, with its first failure:`,
  );
  for (const t of secondTry) {
    const first = t.first.split('\n').find((line) => line.trim() !== '') ?? '';
    console.log(`- ${t.file.replace(`${root}`, '')} > ${t.test}\n    ${first.slice(0, 300)}`);
  }
}
if (unhandled.length > 0) {
  console.log(`\nErrors outside any test (${unhandled.length}), each counted as a failure:`);
  for (const e of unhandled) console.log(`- ${e.suite}: ${e.name}: ${e.message.slice(0, 300)}\n${e.stack}`);
}
console.log(`\n${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
process.exit(exitCode || (failed > 0 ? 1 : 0));
