/// <reference lib="dom" />
// Where the time goes when the editor opens the 1,000-step workflow: a Chromium CPU profile of the
// page from navigation start to the last visible step box, with the main thread's long tasks.
// Figures on a shared machine are not comparable between runs, so it prints SHARES (a function's
// self time over the busy main-thread time of the open) and can compare builds in one run: give
// several built apps (`vite build --outDir …`; `--minify false` keeps function names readable) and
// their opens are interleaved against one server each, every one with the same stored workflow.
// For each build: medians, every open's box changes and element counts, what ran in each long task
// of one open, and the top self and inclusive times.
//
//   node --conditions=source --import tsx apps/web/bench/profile-open.ts [label=dist-dir …] [--opens=5]
//     [--until=arrows]
import { fileURLToPath } from 'node:url';
import { autoLayout } from '@portalflow/diagram';
import type { Definition } from '@portalflow/engine';
import { startServer } from '@portalflow/server';
import type { CDPSession, Page } from 'playwright-core';
import { generateDefinition } from '../../../packages/engine/test/support/generate.ts';
import { apiSession } from '../e2e/support/api.ts';
import { type Browser, openBrowser, signIn } from '../e2e/support/browser.ts';
import { PASSWORD } from '../e2e/support/server.ts';
import { emptyLayout } from '../src/model/document.ts';

const STEPS = 1000;
const ID = 'bench-editor-1000';
const TOP = 25;
/** `--until=arrows`: profile up to every arrow on screen routed instead of up to the last box. */
const UNTIL_ARROWS = process.argv.includes('--until=arrows');
/** Functions of bundled code other than React's own work loop (whose frames hold every render). */
const APP_CODE =
  /^(?!(\(|performWorkOnRoot|performWorkUntilDeadline|workLoop|renderRoot|commitRoot|flushSync|flushPassiveEffects|flushSpawnedWork|runWithFiberInDEV|recursivelyTraverse|commitPassiveMount|commitLayoutEffect|performSyncWorkOnRoot|processRootSchedule|flushSyncWorkAcrossRoots|performUnitOfWork|beginWork|completeUnitOfWork|render|batchedUpdates|dispatchDiscreteEvent|dispatchEvent|scheduleTaskForRootDuringMicrotask|commitMutationEffects|commitHook|reconcile|updateFunctionComponent|renderWithHooks|flushPendingEffects|commitLayoutEffects|commitPassiveMountOnFiber|mountIndeterminate|updateMemoComponent|updateSimpleMemoComponent|workLoopSync|renderRootSync|workLoopConcurrent|renderRootConcurrent|finishConcurrentRender|commitRootImpl)).* assets\//;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/**
 * Installed before the app's scripts: when the step boxes last changed (as the editor bench), each
 * change with what changed and how many boxes the page held then, when every arrow on screen was
 * routed, and the main thread's long tasks.
 */
const WATCH = `
  globalThis.__name = (fn) => fn;
  globalThis.__pfNodesAt = 0;
  globalThis.__pfLong = [];
  globalThis.__pfNodeChanges = [];
  globalThis.__pfRoutedAt = 0;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) globalThis.__pfLong.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
  new MutationObserver((records) => {
    if (
      globalThis.__pfRoutedAt === 0 &&
      document.querySelector('.react-flow__edge') &&
      !document.querySelector('.pf-edge-provisional')
    )
      globalThis.__pfRoutedAt = performance.now();
    for (const r of records) {
      const el = r.target;
      if (
        el instanceof Element &&
        (el.classList.contains('react-flow__nodes') ||
          el.classList.contains('react-flow__viewport') ||
          el.closest('.react-flow__node') ||
          [...r.addedNodes].some((n) => n instanceof Element && n.matches('.react-flow__node, .react-flow__renderer, .react-flow')))
      ) {
        globalThis.__pfNodesAt = performance.now();
        globalThis.__pfNodeChanges.push(Math.round(globalThis.__pfNodesAt) + ' ' + r.type + (r.attributeName ? ':' + r.attributeName : '') + ' ' + String(el.getAttribute('class') ?? '').split(' ')[0] + (el.closest('.react-flow__node') ? '@node' : '') + ' (' + document.querySelectorAll('.react-flow__node').length + ' boxes)');
        return;
      }
    }
  }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['style', 'class'] });
`;

interface Open {
  boxes: number;
  arrows: number;
  /** The end of the window profiled: the last box, or with --until=arrows the arrows routed. */
  end: number;
  busy: number;
  self: Map<string, number>;
  total: Map<string, number>;
  /** Per long task: what ran in it (inclusive, the app's code outside React's own loop). */
  tasks: string[];
  page: string;
  long: Array<[number, number]>;
}

const short = (url: string) => url.replace(/^.*\/(assets|src|node_modules)\//, '$1/').replace(/\?.*$/, '');

const keyOf = (node: ProfileNode) => {
  const name = node.callFrame.functionName || '(anonymous)';
  return /^\((program|idle|garbage collector|root)\)$/.test(name) || !node.callFrame.url
    ? name
    : `${name} ${short(node.callFrame.url)}:${node.callFrame.lineNumber + 1}`;
};

/**
 * Self and inclusive time per function within [from, to] µs of the profile's clock (idle excluded).
 * Inclusive counts a function once per sample however deep it recurses.
 */
function times(profile: CpuProfile, from: number, to: number) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let busy = 0;
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i]!;
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    if (t < from || t > to) continue;
    const node = byId.get(profile.samples[i]!)!;
    if (node.callFrame.functionName === '(idle)') continue;
    const key = keyOf(node);
    self.set(key, (self.get(key) ?? 0) + dt);
    busy += dt;
    const seen = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const k = keyOf(byId.get(id)!);
      if (seen.has(k) || k === '(root)') continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + dt);
    }
  }
  return { busy, self, total };
}

async function openOnce(page: Page, cdp: CDPSession, base: string): Promise<Open> {
  // Same origin before the editor, so the page keeps its renderer and the profiler keeps sampling.
  await page.goto(`${base}/favicon.svg`);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await page.goto(`${base}/workflows/${ID}`);
  await page.locator('.react-flow__node').first().waitFor({ timeout: 30_000 });
  await page.waitForFunction(
    () => {
      const at = (globalThis as unknown as { __pfNodesAt: number }).__pfNodesAt;
      return at > 0 && performance.now() - at > 700;
    },
    null,
    { timeout: 15_000, polling: 50 },
  );
  await page.waitForFunction(
    () => (globalThis as unknown as { __pfRoutedAt: number }).__pfRoutedAt > 0,
    null,
    {
      timeout: 15_000,
      polling: 50,
    },
  );
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
  const seen = await page.evaluate(() => {
    const g = globalThis as unknown as {
      __pfRoutedAt: number;
      __pfNodesAt: number;
      __pfLong: Array<[number, number]>;
      __pfNodeChanges: number[];
    };
    return {
      now: performance.now(),
      boxes: g.__pfNodesAt,
      arrows: g.__pfRoutedAt,
      long: g.__pfLong,
      changes: [...new Set(g.__pfNodeChanges)],
      elements: document.getElementsByTagName('*').length,
      options: document.querySelectorAll('[role="option"]').length,
      parts: Object.fromEntries(
        [
          '.pf-topbar',
          '.pf-palette',
          '.react-flow__minimap',
          '.react-flow__edges',
          '.react-flow__nodes',
          '.pf-lane-bands',
          '.pf-lane-labels',
          '.pf-inspector',
          '[data-testid="lint-panel"]',
        ].map((sel) => [sel, document.querySelector(sel)?.getElementsByTagName('*').length ?? -1]),
      ),
    };
  });
  // The profile ends when it was stopped, a moment before `now` was read: navigation start on the
  // profile's clock is at most a few ms later than this.
  const navStart = profile.endTime - seen.now * 1000;
  const end = UNTIL_ARROWS ? seen.arrows : seen.boxes;
  const { busy, self, total } = times(profile, navStart, navStart + end * 1000);
  const long = seen.long.filter(([start]) => start < end);
  const tasks = long.map(([start, duration]) => {
    const at = navStart + start * 1000;
    const inTask = times(profile, at, at + duration * 1000);
    const top = [...inTask.total]
      .filter(([k]) => APP_CODE.test(k) && !/client-|call-|canvas-|with-selector/.test(k))
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([k, v]) => `${k.replace(/ assets\/.*$/, '')} ${Math.round((v / inTask.busy) * 100)}%`);
    return `${Math.round(start)}→${Math.round(duration)} ms: ${top.join(', ')}`;
  });
  return {
    boxes: seen.boxes,
    arrows: seen.arrows,
    end,
    busy,
    self,
    total,
    tasks,
    page: `boxes changed at ${seen.changes.join(', ')} ms; ${seen.elements} elements in the page, ${seen.options} of them options; elements in ${JSON.stringify(seen.parts)}`,
    long,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const pct = (x: number) => `${(x * 100).toFixed(1).padStart(5)} %`;

function report(label: string, opens: Open[]) {
  const busy = opens.reduce((s, o) => s + o.busy, 0);
  const sum = (pick: (o: Open) => Map<string, number>) => {
    const m = new Map<string, number>();
    for (const o of opens) for (const [k, v] of pick(o)) m.set(k, (m.get(k) ?? 0) + v);
    return [...m].sort((a, b) => b[1] - a[1]);
  };
  const long = opens.flatMap((o) => o.long);
  console.log(`\n== ${label}: ${opens.length} opens`);
  console.log(
    `  last box at (median) ${Math.round(median(opens.map((o) => o.boxes)))} ms, arrows routed at ` +
      `${Math.round(median(opens.map((o) => o.arrows)))} ms; up to ${UNTIL_ARROWS ? 'the arrows' : 'the last box'}: main thread busy ` +
      `${pct(median(opens.map((o) => o.busy / o.end)))} of the time; long tasks per open ${(long.length / opens.length).toFixed(1)}, ` +
      `their share of the time ${pct(long.reduce((s, [, d]) => s + d, 0) / opens.reduce((s, o) => s + o.end, 0))}`,
  );
  const first = opens[Math.floor(opens.length / 2)]!;
  for (const o of opens) console.log(`  ${o === first ? '*' : ' '} ${o.page}`);
  console.log('  long tasks of one open (start → length, what ran in it):');
  for (const t of first.tasks) console.log(`    ${t}`);
  console.log('  top self time (share of busy main-thread time in the window):');
  for (const [k, v] of sum((o) => o.self).slice(0, TOP)) console.log(`    ${pct(v / busy)}  ${k}`);
  // Inclusive: the app's own functions (components, hooks, diagram and model code) and what they call.
  console.log(`  top inclusive time in the app's own code (share of busy main-thread time):`);
  for (const [k, v] of sum((o) => o.total)
    .filter(([k]) => APP_CODE.test(k))
    .slice(0, TOP))
    console.log(`    ${pct(v / busy)}  ${k}`);
}

async function main() {
  const args = process.argv.slice(2);
  const opens = Number(args.find((a) => a.startsWith('--opens='))?.slice(8) ?? 5);
  const builds = args
    .filter((a) => !a.startsWith('--'))
    .map((a) => {
      const [label, dir] = a.includes('=') ? (a.split(/=(.*)/s) as [string, string]) : [a, a];
      return { label, dir: dir.endsWith('/') ? dir : `${dir}/` };
    });
  if (builds.length === 0)
    builds.push({ label: 'apps/web/dist', dir: fileURLToPath(new URL('../dist/', import.meta.url)) });

  const generated = generateDefinition(STEPS);
  const definition: Definition = { ...generated, id: ID, title: `Generated ${STEPS}-step workflow` };
  const layout = autoLayout(definition, emptyLayout());
  process.env.PORTALFLOW_DEMO_PASSWORD = PASSWORD;
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const runs: Array<{
    label: string;
    url: string;
    stop(): Promise<void>;
    browser: Browser;
    cdp: CDPSession;
    opens: Open[];
  }> = [];
  try {
    for (const { label, dir } of builds) {
      const data = mkdtempSync(join(tmpdir(), 'pf-profile-'));
      const server = await startServer({
        port: 0,
        databaseUrl: `file:${join(data, 'pf.db')}`,
        demo: true,
        quiet: true,
        config: { webRoot: dir },
      });
      const stop = async () => {
        await server.close();
        rmSync(data, { recursive: true, force: true });
      };
      const browser = await openBrowser({ width: 1440, height: 900 });
      runs.push({ label, url: server.url, stop, browser, cdp: undefined as never, opens: [] });
      const lead = await apiSession(server.url, 'lead', PASSWORD);
      const created = await lead('POST', '/definitions', { definition, layout });
      if (created.status !== 201) throw new Error(`storing the workflow: ${created.status}`);
      await browser.context.addInitScript(WATCH);
      await signIn(browser.page, server.url, 'lead', PASSWORD);
      runs.at(-1)!.cdp = await browser.context.newCDPSession(browser.page);
      // A first open warms the HTTP cache and the code cache, as a lead's second visit would.
      await openOnce(browser.page, runs.at(-1)!.cdp, server.url);
    }
    for (let i = 0; i < opens; i++)
      for (const run of runs) run.opens.push(await openOnce(run.browser.page, run.cdp, run.url));
    for (const run of runs) report(run.label, run.opens);
  } finally {
    for (const run of runs) {
      await run.browser.close().catch(() => undefined);
      await run.stop().catch(() => undefined);
    }
  }
}

await main();
process.exit(0);
