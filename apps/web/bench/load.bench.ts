// Load benchmarks for a clinic's slow link and old PC, measured in the real browser (Debian Chromium,
// headless, via playwright-core) against the real server and the built app, with the page's CPU
// slowed 4× (DevTools `Emulation.setCPUThrottlingRate`): the JavaScript on the wire for the sign-in
// page and for My work (compressed, from an empty cache), and the time from pressing Sign in to a
// usable My work. Needs the built app (apps/web/dist): it is built first when missing or older than
// its sources.
import { fileURLToPath } from 'node:url';
import type { BenchRow } from '../../../scripts/bench-table.ts';
// @ts-expect-error: a plain script of the repository (no types)
import { buildWebApp, webStale } from '../../../scripts/build-state.mjs';
import { type Browser, openBrowser } from '../e2e/support/browser.ts';
import { LOAD_BUDGETS, type LoadFigures, measureLoad } from '../e2e/support/load.ts';
import { PASSWORD, startTestServer, type TestServer } from '../e2e/support/server.ts';

const CPU_THROTTLING = 4;
const RUNS = 3;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const kb = (bytes: number) => bytes / 1000;

export async function loadBenchmarks(): Promise<BenchRow[]> {
  // Built again when older than its sources: the figures are of the app as it stands.
  if (webStale() && buildWebApp().status !== 0) throw new Error('the web app did not build');
  let server: TestServer | undefined;
  const runs: LoadFigures[] = [];
  try {
    server = await startTestServer();
    // A fresh profile each run: an empty cache, as on a PC opening the app for the first time.
    for (let i = 0; i < RUNS; i++) {
      let browser: Browser | undefined;
      try {
        browser = await openBrowser({ width: 1280, height: 800 });
        runs.push(
          await measureLoad(browser.page, server.url, 'front-desk', PASSWORD, {
            cpuThrottling: CPU_THROTTLING,
          }),
        );
      } finally {
        await browser?.close().catch(() => undefined);
      }
    }
  } finally {
    await server?.stop().catch(() => undefined);
  }
  const last = runs.at(-1)!;
  const signIn = kb(last.signIn.bytes);
  const myWork = kb(last.myWork.bytes);
  const usable = median(runs.map((r) => r.usableMs));
  return [
    {
      name: 'sign-in page: JavaScript on the wire',
      value: signIn,
      unit: 'kB',
      goal: `≤ ${LOAD_BUDGETS.signInKb} kB`,
      met: signIn <= LOAD_BUDGETS.signInKb,
      note: `${last.signIn.files.length} files, compressed, empty cache`,
    },
    {
      name: 'My work: JavaScript on the wire',
      value: myWork,
      unit: 'kB',
      goal: `≤ ${LOAD_BUDGETS.myWorkKb} kB`,
      met: myWork <= LOAD_BUDGETS.myWorkKb,
      note: `${last.myWork.files.length} files from opening the app to My work, sign-in page included`,
    },
    {
      name: `My work usable after signing in (${CPU_THROTTLING}× CPU)`,
      value: usable,
      unit: 'ms',
      goal: `≤ ${LOAD_BUDGETS.myWorkUsableMs.toLocaleString('en-US')} ms`,
      met: usable <= LOAD_BUDGETS.myWorkUsableMs,
      note: `Sign in pressed → queue on screen; median of ${runs.map((r) => Math.round(r.usableMs)).join(', ')} ms`,
    },
  ];
}

// Run on its own: `node --conditions=source --import tsx apps/web/bench/load.bench.ts`.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { printTable } = await import('../../../scripts/bench-table.ts');
  printTable('web load (Chromium, 4× CPU throttling)', await loadBenchmarks());
}
