/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// Web editor benchmarks, measured in the real browser (Debian Chromium, headless, via playwright-core)
// against the real server: a generated 1,000-step workflow stored with a layout (computed here with the
// diagram package's auto layout, as the editor would save it), then first render, pan and drag frame
// times, an inspector edit to the next frame, and the lint result after it. Needs the built app
// (apps/web/dist): it is built first when missing or older than its sources. Everything is bounded in
// time; the browser and server are closed even on failure.
import { fileURLToPath } from 'node:url';
import { autoLayout } from '@portalflow/diagram';
import type { Definition } from '@portalflow/engine';
import type { Page } from 'playwright-core';
import { generateDefinition } from '../../../packages/engine/test/support/generate.ts';
import { type BenchRow, medianMs } from '../../../scripts/bench-table.ts';
// @ts-expect-error: a plain script of the repository (no types)
import { buildWebApp, webStale } from '../../../scripts/build-state.mjs';
import { apiSession } from '../e2e/support/api.ts';
import { type Browser, openBrowser, signIn } from '../e2e/support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from '../e2e/support/server.ts';
import { checkDefinition } from '../src/model/check.ts';
import { emptyLayout } from '../src/model/document.ts';

const STEPS = 1000;
const ID = 'bench-editor-1000';
/** The whole benchmark gives up after this long. */
const OVERALL_MS = 240_000;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : s[Math.floor(s.length / 2)]!;
};

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no result after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Installed before any page script: remembers when the step boxes last changed (a box added, removed
 * or moved, or the viewport placed), in ms since navigation start.
 */
const WATCH_NODES = `
  globalThis.__pfNodesAt = 0;
  globalThis.__pfRoutedAt = 0;
  globalThis.__pfWatch = new MutationObserver((records) => {
    // Arrows on screen all routed (none drawn provisionally while the worker routes): once per open.
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
        return;
      }
    }
  });
  globalThis.__pfWatch.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['style', 'class'] });
`;

/**
 * Opens the editor and returns the time from navigation start until the step boxes stop changing
 * (the last box added or placed), i.e. every visible box rendered.
 */
async function firstRender(page: Page, url: string): Promise<{ boxes: number; arrows: number }> {
  await page.goto('about:blank');
  await page.goto(url);
  await page.getByTestId('editor-canvas').waitFor({ timeout: 30_000 });
  await page.locator('.react-flow__node').first().waitFor({ timeout: 30_000 });
  // Settled: no box changed for 700 ms (bounded at 15 s).
  await page.waitForFunction(
    () => {
      const at = (globalThis as unknown as { __pfNodesAt: number }).__pfNodesAt;
      return at > 0 && performance.now() - at > 700;
    },
    null,
    { timeout: 15_000, polling: 50 },
  );
  // The arrows on screen routed (bounded at 15 s).
  await page.waitForFunction(
    () => (globalThis as unknown as { __pfRoutedAt: number }).__pfRoutedAt > 0,
    null,
    { timeout: 15_000, polling: 50 },
  );
  return page.evaluate(() => {
    const g = globalThis as unknown as { __pfNodesAt: number; __pfRoutedAt: number };
    return { boxes: g.__pfNodesAt, arrows: g.__pfRoutedAt };
  });
}

/** Starts sampling requestAnimationFrame deltas in the page. */
const startFrames = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __sampling: boolean };
    w.__frames = [];
    w.__sampling = true;
    let prev = performance.now();
    const loop = (t: number) => {
      if (!w.__sampling) return;
      w.__frames.push(t - prev);
      prev = t;
      requestAnimationFrame(loop);
    };
    requestAnimationFrame((t) => {
      prev = t;
      requestAnimationFrame(loop);
    });
  });

const stopFrames = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __sampling: boolean };
    w.__sampling = false;
    return w.__frames;
  });

/** A point on the empty pane of the canvas (no box or arrow under it). */
async function emptyPanePoint(page: Page): Promise<{ x: number; y: number }> {
  const point = await page.getByTestId('editor-canvas').evaluate((canvas) => {
    const r = canvas.getBoundingClientRect();
    for (let fy = 0.5; fy < 0.95; fy += 0.05)
      for (let fx = 0.3; fx < 0.9; fx += 0.03) {
        for (const sy of [1, -1]) {
          const x = r.left + r.width * fx;
          const y = r.top + r.height * (0.5 + sy * (fy - 0.5));
          if (document.elementFromPoint(x, y)?.classList.contains('react-flow__pane')) return { x, y };
        }
      }
    return null;
  });
  if (!point) throw new Error('no empty spot on the canvas to pan from');
  return point;
}

/** Drags with the mouse from `from` along a back-and-forth path while sampling frames; returns the deltas. */
async function dragSampled(page: Page, from: { x: number; y: number }, path: Array<[number, number]>) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await startFrames(page);
  for (const [dx, dy] of path) await page.mouse.move(from.x + dx, from.y + dy);
  const frames = await stopFrames(page);
  await page.mouse.up();
  // The first frames include the sampler's own start-up.
  return frames.slice(2);
}

/** A zig-zag of `n` small moves, ~4 px each, within ±`span` px of the start. */
function zigzag(n: number, span: number, vertical = 0.4): Array<[number, number]> {
  const path: Array<[number, number]> = [];
  for (let i = 0; i < n; i++) {
    const phase = (i / n) * 4 * Math.PI;
    path.push([Math.sin(phase) * span, Math.sin(phase * 0.5) * span * vertical]);
  }
  return path;
}

/**
 * Times one inspector title edit, from the input event to the frame after `done` holds: either the
 * box shows the new title (`shown`), or the lint count and the box's mark show the error (`linted`).
 */
function timedTitleEdit(
  page: Page,
  stepId: string,
  title: string,
  wait: { kind: 'shown' } | { kind: 'linted'; errors: number },
) {
  return page.evaluate(
    ({ stepId, title, wait }) =>
      new Promise<number>((resolve, reject) => {
        const input = document.querySelector<HTMLInputElement>('[data-testid="inspector-title"]');
        const badge = document.querySelector('[data-testid="lint-count-errors"]');
        if (!input || !badge) return reject(new Error('inspector title or lint count missing'));
        const node = () => document.querySelector(`[data-testid="node-${stepId}"]`);
        const done = () =>
          wait.kind === 'shown'
            ? (node()?.textContent ?? '').includes(title)
            : Number.parseInt(badge.textContent ?? '', 10) === wait.errors &&
              (wait.errors > 0 ? node()?.classList.contains('pf-has-error') === true : true);
        const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
        const finish = (t0: number) => requestAnimationFrame(() => resolve(performance.now() - t0));
        const timer = setTimeout(() => {
          observer.disconnect();
          reject(new Error(`the edit did not show within 5 s (${JSON.stringify(wait)})`));
        }, 5000);
        const observer = new MutationObserver(() => {
          if (!done()) return;
          observer.disconnect();
          clearTimeout(timer);
          finish(t0);
        });
        observer.observe(document.body, {
          childList: true,
          subtree: true,
          characterData: true,
          attributes: true,
        });
        const t0 = performance.now();
        setValue.call(input, title);
        input.dispatchEvent(new Event('input', { bubbles: true }));
        if (done()) {
          observer.disconnect();
          clearTimeout(timer);
          finish(t0);
        }
      }),
    { stepId, title, wait },
  );
}

/** Lets the lint of the previous edit land before the next timed edit. */
const settle = (page: Page) => page.waitForTimeout(150);

async function measure(server: TestServer, browser: Browser): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const page = browser.page;
  // tsx keeps function names with a `__name` helper, which functions sent to the page would miss.
  await browser.context.addInitScript('globalThis.__name = (fn) => fn;');
  await browser.context.addInitScript(WATCH_NODES);

  // A stored definition with a stored layout, as the editor saves it.
  const generated = generateDefinition(STEPS);
  const definition: Definition = { ...generated, id: ID, title: `Generated ${STEPS}-step workflow` };
  const layoutStart = performance.now();
  const layout = autoLayout(definition, emptyLayout());
  const layoutMs = performance.now() - layoutStart;
  const lead = await apiSession(server.url, 'lead', PASSWORD);
  const created = await lead('POST', '/definitions', { definition, layout });
  if (created.status !== 201) throw new Error(`storing the benchmark workflow: ${created.status}`);

  await signIn(page, server.url, 'lead', PASSWORD);
  const url = `${server.url}/workflows/${ID}`;

  // 1. First render: navigation start → visible boxes rendered (median of 3 opens), and → the
  // visible arrows routed (the first routing of a large workflow runs in the layout worker).
  const opens: number[] = [];
  const routes: number[] = [];
  for (let i = 0; i < 3; i++) {
    const { boxes, arrows } = await firstRender(page, url);
    opens.push(boxes);
    routes.push(arrows);
  }
  const open = median(opens);
  const routedAt = median(routes);
  const rendered = await page.locator('.react-flow__node').count();
  // The render watcher would slow what follows: stop it.
  await page.evaluate(() =>
    (globalThis as unknown as { __pfWatch: MutationObserver }).__pfWatch.disconnect(),
  );
  rows.push({
    name: `open ${STEPS}-step workflow (stored layout)`,
    value: open,
    unit: 'ms',
    goal: '< 1,500 ms',
    met: open < 1500,
    note: `navigation start → last visible box rendered; median of ${opens.map((o) => Math.round(o)).join(', ')} ms; ${rendered} boxes on screen; the auto layout took ${Math.round(layoutMs)} ms in Node`,
  });
  rows.push({
    name: `open ${STEPS}-step workflow: arrows routed`,
    value: routedAt,
    unit: 'ms',
    goal: '< 1,500 ms',
    met: routedAt < 1500,
    note: `navigation start → no arrow on screen drawn provisionally (every arrow routed in the layout worker); median of ${routes.map((o) => Math.round(o)).join(', ')} ms`,
  });

  // The editor opens at a working scale (the start of the workflow): pan and drag from there.
  // 2. Pan: drag the empty pane back and forth, sampling frame times.
  const pane = await emptyPanePoint(page);
  const panFrames = await dragSampled(page, pane, zigzag(160, 300));
  const pan = median(panFrames);
  rows.push({
    name: 'pan (median frame time)',
    value: pan,
    unit: 'ms',
    goal: '≤ 20 ms',
    met: pan <= 20,
    note: `${panFrames.length} frames while dragging the pane; p90 ${Math.round(panFrames.sort((a, b) => a - b)[Math.floor(panFrames.length * 0.9)] ?? Number.NaN)} ms`,
  });

  // 3. Drag a box (shown locally while dragging, committed once on drop).
  const nodeId = await page.evaluate(() => {
    const canvasBox = document.querySelector('[data-testid="editor-canvas"]')!.getBoundingClientRect();
    for (const n of document.querySelectorAll<HTMLElement>('.react-flow__node-task')) {
      const r = n.getBoundingClientRect();
      if (
        r.left > canvasBox.left + 280 &&
        r.right < canvasBox.right - 160 &&
        r.top > canvasBox.top + 30 &&
        r.bottom < canvasBox.bottom - 30
      )
        return n.dataset.id ?? null;
    }
    return null;
  });
  if (!nodeId) throw new Error('no task box in the middle of the canvas to drag');
  const box = (await page.getByTestId(`node-${nodeId}`).boundingBox())!;
  const dragFrames = await dragSampled(
    page,
    { x: box.x + box.width / 2, y: box.y + box.height / 2 },
    zigzag(160, 120, 0.2),
  );
  const drag = median(dragFrames);
  rows.push({
    name: 'drag a box (median frame time)',
    value: drag,
    unit: 'ms',
    goal: '≤ 20 ms',
    met: drag <= 20,
    note: `${dragFrames.length} frames while dragging ${nodeId}`,
  });

  // 4. An inspector edit to the next frame: typing a new title until the box shows it (its arrows
  // and labels re-routed where the box changed), timed in the page from the input event.
  await page.getByTestId(`node-${nodeId}`).click();
  await page.getByTestId('inspector-title').waitFor({ timeout: 10_000 });
  const original = await page.getByTestId('inspector-title').inputValue();
  const baseline = Number.parseInt((await page.getByTestId('lint-count-errors').textContent()) ?? '', 10);
  const edits: number[] = [];
  for (let i = 0; i < 16; i++) {
    await settle(page);
    edits.push(await timedTitleEdit(page, nodeId, `${original} ${i}`, { kind: 'shown' }));
  }
  const edit = median(edits);
  rows.push({
    name: 'inspector edit → next frame',
    value: edit,
    unit: 'ms',
    goal: '< 50 ms',
    met: edit < 50,
    note: `a step title typed ${edits.length} times; the box shows it, its lane, arrows and labels updated incrementally, to the next frame; max ${Math.round(Math.max(...edits))} ms`,
  });

  // 5. The lint result after an edit: clearing a task's title is an error (lint count 0 → 1, the box
  // marked), typing it back clears it. Lint runs right after the edit's frame, so this includes it.
  const lints: number[] = [];
  for (let i = 0; i < 6; i++) {
    await settle(page);
    lints.push(await timedTitleEdit(page, nodeId, '', { kind: 'linted', errors: baseline + 1 }));
    await settle(page);
    lints.push(await timedTitleEdit(page, nodeId, `${original} ${i}`, { kind: 'linted', errors: baseline }));
  }
  const lint = median(lints);
  const lintAlone = medianMs(() => checkDefinition({ ...definition, title: `${definition.title} ` }), 9);
  rows.push({
    name: 'lint result after an inspector edit',
    value: lint,
    unit: 'ms',
    note: `title cleared / typed back ${lints.length} times, to the frame showing the lint count and the box's mark (lint runs after the edit's own frame); max ${Math.round(Math.max(...lints))} ms; checkDefinition alone takes ${Math.round(lintAlone)} ms in Node`,
  });
  return rows;
}

export async function editorBenchmarks(): Promise<BenchRow[]> {
  // Built again when older than its sources: the figures are of the app as it stands.
  if (webStale() && buildWebApp().status !== 0) throw new Error('the web app did not build');
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  try {
    server = await startTestServer();
    browser = await openBrowser({ width: 1440, height: 900 });
    return await withTimeout(measure(server, browser), OVERALL_MS, 'web editor benchmarks');
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
  }
}

// Run on its own: `node --conditions=source --import tsx apps/web/bench/editor.bench.ts`.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { printTable } = await import('../../../scripts/bench-table.ts');
  printTable('web editor (Chromium)', await editorBenchmarks());
}
