/// <reference lib="dom" />
// How long a lead waits on three screens, with the network waterfall of each wait: signing in with a
// password and an authenticator code to the first screen, Workflows → an editor with its diagram
// drawn, and Tracking's first open. Several built apps can be compared in one run (each on its own
// server, opens interleaved), so a busy machine weighs on all of them alike.
//
//   node --conditions=source --import tsx apps/web/bench/screens-waterfall.ts [label=dist-dir …]
//     [--runs=5] [--waterfall] [--warm]
//
// Each run is a fresh browser profile (an empty cache, as on a new PC) unless --warm, where one
// profile signs in again and again (the cache of a PC used every day).
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RunningServer, startServer, totpCode } from '@portalflow/server';
import type { Page, Request } from 'playwright-core';
import { type Browser, openBrowser } from '../e2e/support/browser.ts';
import { PASSWORD } from '../e2e/support/server.ts';

const RUNS = Number(process.argv.find((a) => a.startsWith('--runs='))?.slice(7) ?? 5);
const WATERFALL = process.argv.includes('--waterfall');
const WARM = process.argv.includes('--warm');
/** `--profile`: where the page's main thread spends the code step of signing in (top self times). */
const PROFILE = process.argv.includes('--profile');
/** Marks in the page: when each watched selector first shows, and when each button is pressed. */
const WATCH = `(() => {
  const w = window;
  w.__pfSeen = {};
  w.__pfWatch = [];
  w.__pfClicks = [];
  document.addEventListener('click', (e) => {
    const t = e.target instanceof Element ? e.target.closest('button, a') : null;
    w.__pfClicks.push([performance.timeOrigin + performance.now(), t ? (t.textContent || '').trim().slice(0, 40) : '']);
  }, true);
  const check = () => {
    for (const [name, css] of w.__pfWatch) {
      if (w.__pfSeen[name]) continue;
      const el = document.querySelector(css);
      if (el && el.getClientRects().length > 0) w.__pfSeen[name] = performance.timeOrigin + performance.now();
    }
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true });
})()`;

interface Row {
  url: string;
  method: string;
  type: string;
  start: number;
  end: number;
  status: number;
  bytes: number;
  serverTiming: string;
}

class Waterfall {
  rows: Row[] = [];
  constructor(page: Page) {
    page.on('requestfinished', (r) => void this.add(r));
  }
  private async add(r: Request) {
    const t = r.timing();
    const response = await r.response();
    const sizes = await r.sizes().catch(() => ({ responseBodySize: 0 }));
    const headers = response ? await response.allHeaders() : {};
    this.rows.push({
      url: new URL(r.url()).pathname + new URL(r.url()).search,
      method: r.method(),
      type: r.resourceType(),
      start: t.startTime,
      end: t.startTime + (t.responseEnd > 0 ? t.responseEnd : 0),
      status: response?.status() ?? 0,
      bytes: sizes.responseBodySize,
      serverTiming: headers['server-timing'] ?? '',
    });
  }
  print(title: string, from: number, to: number) {
    console.log(`    ${title} waterfall (ms from the press):`);
    for (const r of this.rows
      .filter((r) => r.start >= from - 5 && r.start <= to + 5)
      .sort((a, b) => a.start - b.start))
      console.log(
        `      ${String(Math.round(r.start - from)).padStart(5)} → ${String(Math.round(r.end - from)).padStart(5)}  ${r.method.padEnd(4)} ${String(r.status).padEnd(3)} ${String(Math.round(r.bytes / 100) / 10).padStart(6)} kB  ${r.type.padEnd(8)} ${r.url.slice(0, 90)}${r.serverTiming ? `  [${r.serverTiming}]` : ''}`,
      );
  }
}

interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>;
  samples: number[];
  timeDeltas: number[];
}

function printProfile(profile: CpuProfile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const byFile = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const f = byId.get(id)!.callFrame;
    const file = f.url.split('/').pop() || '(native)';
    const key = `${f.functionName || '(anonymous)'} ${file}:${f.lineNumber}`;
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    self.set(key, (self.get(key) ?? 0) + ms);
    byFile.set(file, (byFile.get(file) ?? 0) + ms);
  });
  const top = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 15)
      .map(([k, v]) => `      ${v.toFixed(1).padStart(7)} ms  ${k}`);
  console.log('    code step, self time by file:');
  console.log(top(byFile).join('\n'));
  console.log('    code step, self time by function:');
  console.log(top(self).join('\n'));
}

export interface Target {
  label: string;
  server: RunningServer;
  dir: string;
  secret: string;
  /** The server's clock runs this far ahead: each sign-in moves it a code step on, so codes never repeat. */
  offset: { ms: number };
}

export async function startTarget(label: string, webRoot: string): Promise<Target> {
  const dir = mkdtempSync(join(tmpdir(), `pf-waits-${label}-`));
  process.env.PORTALFLOW_DEMO_PASSWORD = PASSWORD;
  const offset = { ms: 0 };
  const server = await startServer({
    port: 0,
    databaseUrl: `file:${join(dir, 'pf.db')}`,
    demo: true,
    quiet: true,
    config: { webRoot },
    clock: () => new Date(Date.now() + offset.ms).toISOString(),
  });
  // Enrol the lead's authenticator through the API, as the first sign-in would.
  let cookie = '';
  let csrf = '';
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${server.url}/api${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, ...(csrf ? { 'x-csrf-token': csrf } : {}) },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    const session = res.headers.getSetCookie().find((c) => /pf_session=/.test(c));
    if (session) cookie = session.split(';')[0]!;
    const json = (await res.json()) as { csrfToken?: string; secret?: string };
    csrf = json.csrfToken ?? csrf;
    return json;
  };
  await post('/auth/login', { username: 'lead', password: PASSWORD });
  const { secret } = await post('/auth/totp/setup', {});
  await post('/auth/totp/confirm', { code: totpCode(secret!, Date.now()), rememberDevice: false });
  return { label, server, dir, secret: secret!, offset };
}

const at = (page: Page) => page.evaluate('performance.timeOrigin + performance.now()') as Promise<number>;
const watch = (page: Page, name: string, css: string) =>
  page.evaluate(
    ([n, c]) => (window as unknown as { __pfWatch: string[][] }).__pfWatch.push([n!, c!]),
    [name, css],
  );
const seen = async (page: Page, name: string) => {
  await page.waitForFunction(
    (n) => !!(window as unknown as { __pfSeen: Record<string, number> }).__pfSeen[n],
    name,
    { timeout: 30_000, polling: 20 },
  );
  return page.evaluate((n) => (window as unknown as { __pfSeen: Record<string, number> }).__pfSeen[n]!, name);
};
const lastClick = (page: Page) =>
  page.evaluate(() => (window as unknown as { __pfClicks: [number, string][] }).__pfClicks.at(-1)![0]);

export interface Figures {
  signIn: number;
  passwordStep: number;
  codeStep: number;
  editor: number;
  editorBoxes: number;
  tracking: number;
  trackingChart: number;
  /** From a screen's code arriving to the screen being drawn. */
  codeToScreen: { editor: number; tracking: number };
}

export async function runOnce(t: Target, browser: Browser): Promise<Figures> {
  const { page } = browser;
  const waterfall = new Waterfall(page);
  await page.goto(t.server.url);
  await page.evaluate(WATCH);
  await page.getByRole('textbox', { name: /^Username/ }).fill('lead');
  await page.locator('input[name="password"]').fill(PASSWORD);
  await watch(page, 'code', '[data-testid="totp-step"]');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const codeShown = await seen(page, 'code');
  const pressed = await lastClick(page);
  t.offset.ms += 30_000;
  await page.getByTestId('totp-code').fill(totpCode(t.secret, Date.now() + t.offset.ms));
  await watch(page, 'workflows', '[data-testid="workflows-table"] a');
  const cdp = PROFILE ? await page.context().newCDPSession(page) : undefined;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  await page.getByRole('button', { name: 'Verify' }).click();
  const verifyPressed = await lastClick(page);
  const workflowsShown = await seen(page, 'workflows');
  if (cdp) printProfile((await cdp.send('Profiler.stop')).profile as unknown as CpuProfile);
  const passwordStep = codeShown - pressed;
  const codeStep = workflowsShown - verifyPressed;
  await page.waitForLoadState('networkidle');
  if (WATERFALL) {
    waterfall.print('sign-in (password)', pressed, codeShown);
    waterfall.print('sign-in (code)', verifyPressed, workflowsShown);
  }
  // Workflows → the first workflow's editor, its diagram drawn (boxes, every arrow routed).
  await watch(page, 'boxes', '.react-flow__node');
  await watch(page, 'inspector', '[data-testid="inspector"]');
  await watch(page, 'editorShell', '[data-testid="editor"]');
  await page.locator('[data-testid="workflows-table"] a').first().click();
  const editorPressed = await lastClick(page);
  const boxes = await seen(page, 'boxes');
  await page.waitForFunction(
    () => document.querySelector('.react-flow__edge') && !document.querySelector('.pf-edge-provisional'),
    undefined,
    { timeout: 30_000, polling: 'raf' },
  );
  const drawn = await at(page);
  await page.waitForLoadState('networkidle');
  if (WATERFALL) waterfall.print('editor', editorPressed, drawn);
  // Tracking, first open (from Workflows: the editor hides the navigation): the chart and the first table.
  await page.goBack();
  await page.locator('[data-testid="workflows-table"] a').first().waitFor();
  await watch(page, 'trackingPage', '[data-testid="tracking-page"]');
  await watch(page, 'chart', '[data-testid="tracking-chart-volume"] .recharts-bar-rectangle');
  await watch(page, 'table', '[data-testid="tracking-page"] table tbody tr');
  await page.getByRole('link', { name: 'Tracking' }).click();
  const trackingPressed = await lastClick(page);
  const chart = await seen(page, 'chart');
  const table = await seen(page, 'table');
  const trackingShown = await seen(page, 'trackingPage');
  const editorShown = await seen(page, 'editorShell');
  const codeHere = (chunk: string) =>
    page.evaluate((c) => {
      const e = performance.getEntriesByType('resource').find((r) => r.name.includes(`/assets/${c}-`));
      return e ? performance.timeOrigin + (e as PerformanceResourceTiming).responseEnd : 0;
    }, chunk);
  const codeToScreen = {
    editor: editorShown - (await codeHere('EditorPage')),
    tracking: trackingShown - (await codeHere('TrackingPage')),
  };
  await page.waitForLoadState('networkidle');
  if (WATERFALL) waterfall.print('tracking', trackingPressed, Math.max(chart, table));
  if (WARM) {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
  }
  return {
    signIn: passwordStep + codeStep,
    passwordStep,
    codeStep,
    editor: drawn - editorPressed,
    editorBoxes: boxes - editorPressed,
    tracking: Math.max(chart, table) - trackingPressed,
    trackingChart: chart - trackingPressed,
    codeToScreen,
  };
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const load = () => loadavg()[0]!.toFixed(2);

/** Stops a target's server and removes its database. */
export async function stopTarget(t: Target): Promise<void> {
  await t.server.close().catch(() => undefined);
  rmSync(t.dir, { recursive: true, force: true });
}

// Run on its own (see the top of this file); `screens.bench.ts` uses the functions above.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const builds = process.argv
    .slice(2)
    .filter((a) => !a.startsWith('--'))
    .map((a) => a.split('=') as [string, string]);
  if (builds.length === 0) builds.push(['dist', fileURLToPath(new URL('../dist/', import.meta.url))]);
  const targets: Target[] = [];
  const results = new Map<string, Array<Figures & { load: string }>>();
  const warmBrowsers = new Map<string, Browser>();
  try {
    for (const [label, dir] of builds) targets.push(await startTarget(label, dir));
    for (let i = 0; i < RUNS; i++)
      for (const t of targets) {
        const browser = WARM
          ? (warmBrowsers.get(t.label) ?? (await openBrowser({ width: 1366, height: 900 })))
          : await openBrowser({ width: 1366, height: 900 });
        if (WARM) warmBrowsers.set(t.label, browser);
        try {
          const before = load();
          if (WATERFALL) console.log(`  ${t.label} run ${i + 1} (load ${before})`);
          const f = await runOnce(t, browser);
          const row = { ...f, load: before };
          results.set(t.label, [...(results.get(t.label) ?? []), row]);
          console.log(
            `${t.label.padEnd(8)} run ${i + 1}: sign-in ${Math.round(f.signIn)} ms (password ${Math.round(f.passwordStep)} + code ${Math.round(f.codeStep)}), editor ${Math.round(f.editor)} ms (boxes ${Math.round(f.editorBoxes)}), tracking ${Math.round(f.tracking)} ms (chart ${Math.round(f.trackingChart)}); code → screen: editor ${Math.round(f.codeToScreen.editor)}, tracking ${Math.round(f.codeToScreen.tracking)} ms; load ${before}`,
          );
        } finally {
          if (!WARM) await browser.close();
        }
      }
    console.log('\nmedians:');
    for (const [label, rows] of results)
      console.log(
        `${label.padEnd(8)} sign-in ${Math.round(median(rows.map((r) => r.signIn)))} ms (password ${Math.round(median(rows.map((r) => r.passwordStep)))}, code ${Math.round(median(rows.map((r) => r.codeStep)))}), editor ${Math.round(median(rows.map((r) => r.editor)))} ms, tracking ${Math.round(median(rows.map((r) => r.tracking)))} ms; loads ${rows.map((r) => r.load).join(' ')}`,
      );
  } finally {
    for (const b of warmBrowsers.values()) await b.close().catch(() => undefined);
    for (const t of targets) {
      await stopTarget(t);
    }
  }
}
