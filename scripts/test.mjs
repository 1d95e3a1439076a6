// Runs every test suite and ends with one plain "N passed, N failed" line computed from the
// runners' own JSON results (CI reads that line, not vitest's summary).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildWebApp } from './build-state.mjs';

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

/** One vitest run: its JSON report (null when it wrote none), its unhandled errors and exit status. */
function spawnVitest(name, args) {
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
  return {
    report: existsSync(outputFile) ? JSON.parse(readFileSync(outputFile, 'utf8')) : null,
    unhandled: existsSync(unhandledFile) ? JSON.parse(readFileSync(unhandledFile, 'utf8')) : [],
    status: result.status,
  };
}

const fileFailed = (file) =>
  file.status === 'failed' || (file.assertionResults ?? []).some((t) => t.status === 'failed');

/** Adds a run's files to the totals; `again` holds the same files run a second time, from the start. */
function tally(name, run, again = new Map()) {
  if (!run.report) {
    console.error(`${name}: the test runner wrote no results (exit ${run.status})`);
    failed += 1;
    exitCode = 1;
    return;
  }
  const failedBefore = failed;
  for (const file of run.report.testResults ?? []) {
    const second = again.get(file.name);
    const loaded = (f) => !(f.status === 'failed' && (f.assertionResults ?? []).length === 0);
    if (!loaded(file) && !(second && loaded(second) && !fileFailed(second))) failed += 1; // a file that failed to load
    const tests = loaded(file) ? file.assertionResults : (second?.assertionResults ?? []);
    for (const test of tests ?? []) {
      // A test that failed counts as the file's run from the start says, its first failure kept.
      const retried =
        test.status === 'failed'
          ? second?.assertionResults?.find((t) => t.fullName === test.fullName)
          : undefined;
      const status = retried?.status ?? test.status;
      const firstFailure = test.failureMessages ?? [];
      if (status === 'passed' && firstFailure.length > 0)
        secondTry.push({ file: file.name, test: test.fullName, first: firstFailure[0] });
      if (status === 'passed') passed += 1;
      else if (status === 'failed') failed += 1;
      else skipped += 1;
    }
  }
  for (const error of run.unhandled) unhandled.push({ suite: name, ...error });
  failed += run.unhandled.length;
  if (failed > failedBefore) exitCode = 1;
  else if (run.status !== 0 && again.size === 0) {
    exitCode = 1;
    failed += 1;
    console.error(`${name}: the test runner exited ${run.status} with no test failed (see its output above)`);
  }
}

function runVitest(name, args) {
  tally(name, spawnVitest(name, args));
}

/**
 * The browser tests: a file with a failed test runs once more, whole, on a new server and browser,
 * so a second try never meets what the first saved. On two busy cores a rare race in a test's timing
 * must not fail the run, and must not go unseen either: each is listed above the totals. Many failed
 * files mean the app is broken, not a race: those are not run again.
 */
const MOST_FILES_RUN_AGAIN = 12;
function runBrowserTests(args) {
  const first = spawnVitest('e2e', args);
  const failedFiles = (first.report?.testResults ?? []).filter(fileFailed).map((f) => f.name);
  const again = new Map();
  if (first.unhandled.length === 0 && failedFiles.length > 0 && failedFiles.length <= MOST_FILES_RUN_AGAIN) {
    console.log(`\ne2e: ${failedFiles.length} file(s) with a failed test run again from the start:`);
    for (const f of failedFiles) console.log(`- ${f.replace(root, '')}`);
    const second = spawnVitest('e2e-again', [...args, ...failedFiles]);
    for (const f of second.report?.testResults ?? []) again.set(f.name, f);
  }
  tally('e2e', first, again);
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

// `node scripts/test.mjs` runs everything; with file filters, those unit tests only; with
// `--browser [filters]`, the browser tests only (the app built first, as in a full run).
const argv = process.argv.slice(2);
const browserOnly = argv[0] === '--browser';
const only = browserOnly ? argv.slice(1) : argv;
if (!browserOnly) runVitest('unit', only);

if ((browserOnly || only.length === 0) && process.env.PORTALFLOW_SKIP_E2E !== '1') {
  const built = buildWebApp();
  if (built.status !== 0) {
    console.error('e2e: the web app did not build');
    failed += 1;
    exitCode = 1;
  } else if (!ensureChromium()) {
    failed += 1;
    exitCode = 1;
  } else {
    runBrowserTests(['--config', 'apps/web/e2e/vitest.config.ts', ...(browserOnly ? only : [])]);
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
