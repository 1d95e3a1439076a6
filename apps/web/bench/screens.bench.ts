// How long a lead waits on three screens, in the real browser (Debian Chromium, headless) against the
// real server and the built app, no throttling: signing in with a password and an authenticator code
// to the first screen (Workflows), Workflows → an editor with its diagram drawn, and Tracking's first
// open, each from the press to the screen being usable; a fresh browser profile each run (an empty
// cache). The machine's load average is noted: on a shared machine compare figures taken together.
// `screens-waterfall.ts` shows where the time goes (each request, interleaving builds).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { BenchRow } from '../../../scripts/bench-table.ts';
import { type Browser, openBrowser } from '../e2e/support/browser.ts';
import { type Figures, median, runOnce, startTarget, stopTarget, type Target } from './screens-waterfall.ts';

const WEB_DIR = fileURLToPath(new URL('..', import.meta.url));
const RUNS = 3;
const GOAL_MS = 500;

export async function screensBenchmarks(): Promise<BenchRow[]> {
  // A build kept elsewhere (`vite build --outDir …`), as the browser tests take it; else apps/web/dist.
  const webRoot = process.env.PORTALFLOW_WEB_ROOT ?? `${WEB_DIR}dist/`;
  if (!process.env.PORTALFLOW_WEB_ROOT && !existsSync(`${webRoot}index.html`))
    execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
      cwd: WEB_DIR,
      stdio: 'inherit',
      timeout: 180_000,
    });
  const runs: Figures[] = [];
  const loads: string[] = [];
  let target: Target | undefined;
  try {
    target = await startTarget('dist', webRoot);
    for (let i = 0; i < RUNS; i++) {
      let browser: Browser | undefined;
      try {
        browser = await openBrowser({ width: 1366, height: 900 });
        loads.push(loadavg()[0]!.toFixed(1));
        runs.push(await runOnce(target, browser));
      } finally {
        await browser?.close().catch(() => undefined);
      }
    }
  } finally {
    if (target) await stopTarget(target);
  }
  const row = (name: string, of: (f: Figures) => number, note: string): BenchRow => {
    const value = median(runs.map(of));
    return {
      name,
      value,
      unit: 'ms',
      goal: `≤ ${GOAL_MS} ms`,
      met: value <= GOAL_MS,
      note: `${note}; median of ${runs.map((r) => Math.round(of(r))).join(', ')} ms at load ${loads.join(', ')}`,
    };
  };
  return [
    row(
      'lead signs in (password, code) → Workflows',
      (f) => f.signIn,
      'Sign in pressed → code step shown, plus Verify pressed → list shown (typing not counted)',
    ),
    row('Workflows → editor with its diagram drawn', (f) => f.editor, 'every arrow on screen routed'),
    row('Tracking, first open', (f) => f.tracking, 'chart and first table shown'),
  ];
}

// Run on its own: `node --conditions=source --import tsx apps/web/bench/screens.bench.ts`.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { printTable } = await import('../../../scripts/bench-table.ts');
  printTable('web screens (Chromium)', await screensBenchmarks());
}
