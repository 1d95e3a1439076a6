// The editor gives the diagram the room on a clinic laptop (1280 × 800): the app's menu folds behind
// its button, the inspector folds to a strip (and opens by itself when something is chosen), the
// lane names take a narrow column, and the first view shows the workflow from its top-left corner at
// a readable size. With the longest example workflow, the first view shows many whole steps and the
// inspector cuts none of them.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/** The example workflow with the most steps (23, in five lanes). */
const LONGEST = 'proxy-access';
/**
 * Whole steps the first view shows of it at 1280 × 800 with the inspector open: 2 when the menu, a
 * palette column and 168 px lane names stood beside the diagram and the view was centred.
 */
const WHOLE_STEPS = 5;

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

interface FirstView {
  pane: Box;
  inspector: Box | null;
  menu: Box | null;
  steps: Record<string, Box>;
  lanes: Box[];
  start: string;
}

/** Where the page draws the diagram's pane, the inspector, the menu, every step and every lane band. */
async function measure(page: Page): Promise<FirstView> {
  return page.evaluate(() => {
    const boxOf = (el: Element | null) => {
      if (!el) return null;
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 ? { x: r.x, y: r.y, width: r.width, height: r.height } : null;
    };
    const canvas = document.querySelector('[data-testid="editor-canvas"]')!;
    const steps: Record<string, { x: number; y: number; width: number; height: number }> = {};
    for (const node of canvas.querySelectorAll<HTMLElement>('.react-flow__node'))
      steps[node.dataset.id!] = boxOf(node)!;
    const menu = boxOf(document.querySelector('nav[aria-label="Main"]'));
    return {
      pane: boxOf(canvas.querySelector('.react-flow'))!,
      inspector: boxOf(document.querySelector('aside.pf-inspector')),
      // A menu slid off the left edge is not on screen.
      menu: menu && menu.x + menu.width > 0 ? menu : null,
      steps,
      lanes: [...canvas.querySelectorAll('.pf-lane-band')].map((b) => boxOf(b)!),
      start:
        canvas.querySelector('.pf-badge-start')?.closest<HTMLElement>('.react-flow__node')?.dataset.id ?? '',
    };
  });
}

const overlap = (a: Box, b: Box) =>
  Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) *
  Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));
const inside = (b: Box, pane: Box) =>
  b.x >= pane.x - 0.5 &&
  b.y >= pane.y - 0.5 &&
  b.x + b.width <= pane.x + pane.width + 0.5 &&
  b.y + b.height <= pane.y + pane.height + 0.5;

/** The steps drawn whole on screen: inside the diagram's pane and under no panel. */
function wholeSteps(v: FirstView): string[] {
  return Object.entries(v.steps)
    .filter(([, b]) => inside(b, v.pane) && !(v.inspector && overlap(b, v.inspector) > 1))
    .map(([id]) => id);
}

/** Steps partly on the diagram and partly under the inspector (cut by its edge). */
function cutByInspector(v: FirstView): string[] {
  if (!v.inspector) return [];
  return Object.entries(v.steps)
    .filter(([, b]) => overlap(b, v.pane) > 1 && overlap(b, v.inspector!) > 1)
    .map(([id]) => id);
}

async function openEditor(page: Page, id: string): Promise<void> {
  await page.goto(`${server.url}/workflows/${id}`);
  await page.getByTestId('editor-canvas').waitFor();
  await page.locator('.react-flow__node').first().waitFor();
  await page.locator('aside.pf-inspector:not([aria-busy])').waitFor();
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

describe('the editor gives the diagram the room on a laptop', () => {
  it(`${LONGEST} at 1280×800: the first view shows at least ${WHOLE_STEPS} whole steps from the top-left, none cut by the inspector`, async () => {
    let browser: Browser | undefined;
    try {
      browser = await openBrowser({ width: 1280, height: 800 });
      const page = browser.page;
      await signIn(page, server.url, 'lead', PASSWORD);
      await openEditor(page, LONGEST);
      await still(page);
      const v = await measure(page);
      const whole = wholeSteps(v);
      console.info(`${LONGEST} at 1280×800: ${whole.length} of ${Object.keys(v.steps).length} steps whole`);
      expect(cutByInspector(v)).toEqual([]);
      expect(whole.length).toBeGreaterThanOrEqual(WHOLE_STEPS);
      // The app's menu is folded away, the diagram starts near the screen's left edge.
      expect(v.menu).toBeNull();
      expect(v.pane.x).toBeLessThan(84 + 140);
      // From the top-left: the start step is whole, the first lane starts at the top of the pane.
      expect(whole).toContain(v.start);
      const top = Math.min(...v.lanes.map((l) => l.y));
      expect(top - v.pane.y).toBeGreaterThanOrEqual(0);
      expect(top - v.pane.y).toBeLessThan(40);
    } finally {
      await browser?.close();
    }
  });

  it('no bundled workflow opens with a step cut by the diagram’s right edge, on a laptop or a larger screen', async () => {
    const workflows = [
      'appointment-request',
      'billing-question',
      'enrollment-activation',
      'lab-result-release',
      'password-reset',
      'portal-message-triage',
      'prescription-refill',
      'proxy-access',
      'urgent-after-hours',
    ];
    const cut: string[] = [];
    for (const size of [
      { width: 1280, height: 800 },
      { width: 1366, height: 768 },
      { width: 1440, height: 900 },
    ]) {
      let browser: Browser | undefined;
      try {
        browser = await openBrowser(size);
        const page = browser.page;
        await signIn(page, server.url, 'lead', PASSWORD);
        for (const id of workflows) {
          await openEditor(page, id);
          await still(page);
          const v = await measure(page);
          const right = v.pane.x + v.pane.width;
          for (const [step, b] of Object.entries(v.steps))
            if (b.x < right - 1 && b.x + b.width > right + 1) cut.push(`${id} at ${size.width}: ${step}`);
        }
      } finally {
        await browser?.close();
      }
    }
    expect(cut).toEqual([]);
  });

  it('the menu is one click away behind its button, and goes again when an entry is chosen', async () => {
    let browser: Browser | undefined;
    try {
      browser = await openBrowser({ width: 1280, height: 800 });
      const page = browser.page;
      await signIn(page, server.url, 'lead', PASSWORD);
      await openEditor(page, LONGEST);
      const nav = page.locator('nav[aria-label="Main"]');
      const shownWidth = async () => {
        const box = await nav.boundingBox();
        return Math.max(0, (box?.x ?? 0) + (box?.width ?? 0));
      };
      await expect.poll(shownWidth).toBe(0);
      const burger = page.getByRole('button', { name: 'Open navigation' });
      await burger.click();
      await expect.poll(shownWidth).toBeGreaterThan(150);
      await nav.getByRole('link', { name: 'Roles', exact: true }).click();
      await page.waitForURL(/\/roles$/);
      // Elsewhere the menu stands as before.
      await expect.poll(shownWidth).toBeGreaterThan(150);
      // The burger goes once the page has drawn its standing menu (it may still be fading out).
      await expect.poll(() => burger.isVisible()).toBe(false);
    } finally {
      await browser?.close();
    }
  });

  it('the inspector folds to a strip, is kept folded in this browser, and opens by itself when a step is chosen', async () => {
    let browser: Browser | undefined;
    try {
      browser = await openBrowser({ width: 1280, height: 800 });
      const page = browser.page;
      await signIn(page, server.url, 'lead', PASSWORD);
      await openEditor(page, LONGEST);
      await still(page);
      const paneWidth = async () => (await measure(page)).pane.width;
      const open = await paneWidth();
      await page.getByRole('button', { name: 'Fold the inspector' }).click();
      await page.getByTestId('inspector').waitFor({ state: 'detached' });
      const strip = await page.locator('aside.pf-inspector').boundingBox();
      expect(strip?.width ?? 0).toBeLessThanOrEqual(40);
      await expect.poll(paneWidth).toBeGreaterThan(open + 200);

      // Kept folded when the editor is opened again.
      await openEditor(page, LONGEST);
      await still(page);
      expect(await page.getByTestId('inspector').count()).toBe(0);
      const folded = await measure(page);
      expect(cutByInspector(folded)).toEqual([]);
      expect(wholeSteps(folded).length).toBeGreaterThanOrEqual(WHOLE_STEPS + 2);
      console.info(`${LONGEST} at 1280×800, inspector folded: ${wholeSteps(folded).length} steps whole`);

      // Choosing a step opens it, showing the step; a step where the inspector opens stays in view.
      const rightmost = wholeSteps(folded).reduce((a, b) =>
        folded.steps[b]!.x > folded.steps[a]!.x ? b : a,
      );
      const box = folded.steps[rightmost]!;
      expect(box.x + box.width).toBeGreaterThan(folded.pane.x + folded.pane.width - 320);
      await page.getByTestId(`node-${rightmost}`).click();
      await expect.poll(() => page.getByTestId('inspector').getByRole('heading').textContent()).toBe('Step');
      await still(page);
      const opened = await measure(page);
      expect(inside(opened.steps[rightmost]!, opened.pane)).toBe(true);
      expect(cutByInspector(opened)).not.toContain(rightmost);
      // Folded again by its button, then opened from the strip.
      await page.getByRole('button', { name: 'Fold the inspector' }).click();
      await page.getByTestId('inspector').waitFor({ state: 'detached' });
      await page.getByRole('button', { name: 'Open the inspector' }).click();
      await page.getByTestId('inspector').waitFor();
      // Open is kept too.
      await openEditor(page, LONGEST);
      await page.getByTestId('inspector').waitFor();
    } finally {
      await browser?.close();
    }
  });

  it('on a tablet held upright the folded inspector is a row under the diagram, which grows into its room', async () => {
    let browser: Browser | undefined;
    try {
      browser = await openBrowser({ width: 768, height: 1024 });
      const page = browser.page;
      await signIn(page, server.url, 'lead', PASSWORD);
      await openEditor(page, LONGEST);
      const open = await measure(page);
      // Under the diagram, as before.
      expect(open.inspector!.y).toBeGreaterThanOrEqual(open.pane.y + open.pane.height - 1);
      await page.getByRole('button', { name: 'Fold the inspector' }).click();
      await page.getByTestId('inspector').waitFor({ state: 'detached' });
      const folded = await measure(page);
      expect(folded.inspector!.height).toBeLessThanOrEqual(44);
      expect(folded.inspector!.width).toBeGreaterThan(700);
      expect(folded.pane.height).toBeGreaterThan(open.pane.height + 200);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);
      await page.getByRole('button', { name: 'Open the inspector' }).click();
      await page.getByTestId('inspector').waitFor();
    } finally {
      await browser?.close();
    }
  });

  it('lane names are whole in the narrower column: wrapped, not cut', async () => {
    let browser: Browser | undefined;
    try {
      browser = await openBrowser({ width: 1280, height: 800 });
      const page = browser.page;
      await signIn(page, server.url, 'lead', PASSWORD);
      for (const id of ['enrollment-activation', 'prescription-refill', LONGEST]) {
        await openEditor(page, id);
        await still(page);
        const labels = await page.locator('.pf-lane-label').evaluateAll((els) =>
          els.map((el) => ({
            width: el.getBoundingClientRect().width,
            cut: el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1,
            // A word broken across lines draws a line of its letters only: every line starts a word.
            brokenWords: (() => {
              const name = el.querySelector('.pf-lane-name')!;
              const range = document.createRange();
              const text = name.firstChild!;
              const lines = new Map<number, string>();
              for (let i = 0; i < (text.textContent ?? '').length; i++) {
                range.setStart(text, i);
                range.setEnd(text, i + 1);
                const top = Math.round(range.getBoundingClientRect().top);
                lines.set(top, (lines.get(top) ?? '') + text.textContent![i]);
              }
              const words = new Set((text.textContent ?? '').split(/\s+/));
              return [...lines.values()].flatMap((l) => l.trim().split(/\s+/)).filter((w) => !words.has(w));
            })(),
          })),
        );
        expect(labels.length).toBeGreaterThan(0);
        for (const l of labels) {
          expect(l.width).toBeLessThanOrEqual(140);
          expect(l.cut).toBe(false);
          expect(l.brokenWords).toEqual([]);
        }
      }
    } finally {
      await browser?.close();
    }
  });
});
