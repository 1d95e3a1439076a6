// What the editor shows of a workflow: it opens at a size whose step titles can be read, showing as
// much of the workflow as fits from its start; "fit view" never shrinks the titles below that size;
// the minimap covers no step unless someone asks for it; and the page has one main landmark.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { landmarkViolations } from './support/axe.ts';
import { type Browser, openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/** The size below which a step title is too small to read comfortably (px on screen). */
const READABLE_PX = 11;
/** How much larger than readable a view that shows part of a workflow may be drawn to end between steps. */
const ENDS_BETWEEN_STEPS = 1.1;

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface View {
  /** The smallest step title on screen, in px as drawn (its font size times the diagram's scale). */
  smallestTitle: number;
  pane: Box;
  /** Every step's box as drawn, on screen or not. */
  steps: Record<string, Box>;
  minimap: Box | null;
  start: string;
}

/** What the diagram draws now, measured in the page. */
async function view(page: Page): Promise<View> {
  return page.getByTestId('editor-canvas').evaluate((canvas) => {
    const boxOf = (el: Element) => {
      const r = el.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    };
    const pane = boxOf(canvas.querySelector('.react-flow')!);
    const inPane = (b: { x: number; y: number; width: number; height: number }) =>
      b.x < pane.x + pane.width &&
      b.x + b.width > pane.x &&
      b.y < pane.y + pane.height &&
      b.y + b.height > pane.y;
    // The titles in boxes (the names under an end's circle or a decision's diamond are measured by the
    // every-workflow test; they are drawn at the same size).
    const titles = [...canvas.querySelectorAll<HTMLElement>('.react-flow__node .pf-title:not(.pf-below)')]
      .filter((t) => t.offsetHeight > 0 && inPane(boxOf(t)))
      // The drawn height over the laid-out height is the scale the diagram is drawn at.
      .map(
        (t) =>
          (t.getBoundingClientRect().height / t.offsetHeight) *
          Number.parseFloat(getComputedStyle(t).fontSize),
      );
    const steps: Record<string, { x: number; y: number; width: number; height: number }> = {};
    for (const node of canvas.querySelectorAll<HTMLElement>('.react-flow__node'))
      steps[node.dataset.id!] = boxOf(node);
    const minimap = canvas.querySelector('.react-flow__minimap');
    const start =
      canvas.querySelector('.pf-badge-start')?.closest<HTMLElement>('.react-flow__node')?.dataset.id ?? '';
    return {
      smallestTitle: titles.length ? Math.min(...titles) : 0,
      pane,
      steps,
      minimap: minimap ? boxOf(minimap) : null,
      start,
    };
  });
}

const inside = (b: Box, pane: Box) =>
  b.x >= pane.x - 0.5 &&
  b.y >= pane.y - 0.5 &&
  b.x + b.width <= pane.x + pane.width + 0.5 &&
  b.y + b.height <= pane.y + pane.height + 0.5;
const overlap = (a: Box, b: Box) =>
  Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) *
  Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));

/** What is wrong with a view that should be readable and show as much as fits from the start. */
function readableViewProblems(v: View): string[] {
  const problems: string[] = [];
  if (v.smallestTitle < READABLE_PX - 0.1)
    problems.push(`step titles are ${v.smallestTitle.toFixed(1)} px (at least ${READABLE_PX} px reads)`);
  const start = v.steps[v.start];
  if (!start || !inside(start, v.pane)) problems.push('the start step is not on screen');
  // As much as fits: the whole workflow, or else titles at the readable size and no larger than the
  // tenth more the view may take to end between two steps rather than through one (readableView.ts).
  const all = Object.values(v.steps);
  if (!all.every((b) => inside(b, v.pane)) && v.smallestTitle > READABLE_PX * ENDS_BETWEEN_STEPS + 0.1)
    problems.push(`part of the workflow is off screen at ${v.smallestTitle.toFixed(1)} px titles`);
  // Read from the start: nothing of the workflow lies left of the screen.
  if (all.some((b) => b.x < v.pane.x - 0.5)) problems.push('steps before the left edge are hidden');
  // The minimap covers no step.
  if (v.minimap)
    for (const [id, b] of Object.entries(v.steps))
      if (overlap(v.minimap, b) > 1) problems.push(`the minimap covers the step ${id}`);
  return problems;
}

const zoomOf = (page: Page) =>
  page.locator('.react-flow__viewport').evaluate((el) => new DOMMatrix(getComputedStyle(el).transform).a);

async function openEditor(page: Page, id: string): Promise<void> {
  await page.goto(`${server.url}/workflows/${id}`);
  await page.getByTestId('editor-canvas').waitFor();
  await page.locator('.react-flow__node').first().waitFor();
  await page.getByTestId('inspector').waitFor();
}

/** Waits for the view to stop moving (a fit or a zoom animates). */
async function still(page: Page): Promise<void> {
  let last = '';
  await expect
    .poll(async () => {
      const now = await page
        .locator('.react-flow__viewport')
        .evaluate((el) => getComputedStyle(el).transform);
      const same = now === last;
      last = now;
      return same;
    })
    .toBe(true);
}

describe('what the editor shows of a workflow', () => {
  for (const [workflow, width, height] of [
    ['billing-question', 1280, 800],
    ['portal-message-triage', 1920, 1080],
    ['billing-question', 768, 1024],
  ] as const) {
    it(`${workflow} at ${width}×${height}: opens readable from its start, fit view keeps titles readable, no minimap over a step`, async () => {
      let browser: Browser | undefined;
      try {
        browser = await openBrowser({ width, height });
        const page = browser.page;
        await signIn(page, server.url, 'lead', PASSWORD);
        await openEditor(page, workflow);
        await still(page);
        expect(readableViewProblems(await view(page))).toEqual([]);
        // Where it used to be, the minimap would have joined by now: still none over a step.
        await page.waitForTimeout(500);
        expect(readableViewProblems(await view(page))).toEqual([]);

        // Fit view from somewhere else: zoomed far out, then fit.
        const zoomOut = page.getByRole('button', { name: 'Zoom Out' });
        for (let i = 0; i < 6; i++) await zoomOut.click();
        await still(page);
        await page.getByRole('button', { name: 'Fit view' }).click();
        await still(page);
        expect(readableViewProblems(await view(page))).toEqual([]);

        // Zoomed out by hand below the readable size, the note offers it back, from the start.
        for (let i = 0; i < 6; i++) await zoomOut.click();
        await still(page);
        const far = await zoomOf(page);
        await page
          .getByTestId('fit-note')
          .getByRole('button', { name: /Readable size/ })
          .click();
        await still(page);
        expect(await zoomOf(page)).toBeGreaterThan(far);
        expect(readableViewProblems(await view(page))).toEqual([]);
      } finally {
        await browser?.close();
      }
    });
  }

  it('the minimap is there when asked for, and goes again', async () => {
    let browser: Browser | undefined;
    try {
      browser = await openBrowser({ width: 1280, height: 800 });
      const page = browser.page;
      await signIn(page, server.url, 'lead', PASSWORD);
      await openEditor(page, 'billing-question');
      const toggle = page.getByRole('button', { name: 'Minimap' });
      expect(await toggle.getAttribute('aria-pressed')).toBe('false');
      expect(await page.locator('.react-flow__minimap').count()).toBe(0);
      await toggle.click();
      await page.locator('.react-flow__minimap').waitFor();
      expect(await toggle.getAttribute('aria-pressed')).toBe('true');
      // Kept for the next workflow opened in this browser.
      await openEditor(page, 'portal-message-triage');
      await page.locator('.react-flow__minimap').waitFor();
      await page.getByRole('button', { name: 'Minimap' }).click();
      await page.locator('.react-flow__minimap').waitFor({ state: 'detached' });
    } finally {
      await browser?.close();
    }
  });

  it('has one main landmark: the diagram is a named region inside it, and axe finds no landmark problem', async () => {
    let browser: Browser | undefined;
    try {
      browser = await openBrowser({ width: 1280, height: 800 });
      const page = browser.page;
      await signIn(page, server.url, 'lead', PASSWORD);
      await openEditor(page, 'billing-question');
      expect(await page.locator('main').count()).toBe(1);
      await page.getByRole('region', { name: 'Diagram' }).getByTestId('editor-canvas').waitFor();
      expect(await landmarkViolations(page)).toEqual([]);
    } finally {
      await browser?.close();
    }
  });
});
