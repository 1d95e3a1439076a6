// A lead's eight-step workflow in the editor at 1280, 1366 and 1920 px: it opens with titles that can
// be read, and every step is either on screen or counted at the edge it lies beyond ("5 more steps
// to the right"), none cut by the edge unannounced; Auto layout arranges the steps the palette left as a
// staircase, the ones placed by hand too; lane names are never cut, even zoomed out as far as it
// goes; and one Undo takes back a step's new title with the id that followed it.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  paletteStaircase,
  priorAuthorization,
} from '../../../packages/diagram/test/support/prior-authorization.ts';
import { apiSession } from './support/api.ts';
import { type Browser, dismissToasts, openBrowser, screenshot, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/** The size below which a step title is too small to read comfortably (px on screen). */
const READABLE_PX = 11;

let server: TestServer;
let lead: Awaited<ReturnType<typeof apiSession>>;

beforeAll(async () => {
  server = await startTestServer();
  lead = await apiSession(server.url, 'lead', PASSWORD);
});
afterAll(async () => {
  await server?.stop();
});

/** The walk's draft: eight steps, each where the palette dropped it, marked as placed by hand. */
async function createDraft(id: string): Promise<void> {
  const definition = { ...priorAuthorization(), id };
  const created = await lead('POST', '/definitions', { definition, layout: paletteStaircase(definition) });
  expect(created.status).toBe(201);
}

interface Seen {
  /** Steps not wholly inside the diagram's pane. */
  outside: string[];
  /** What the notes at the pane's edges count, by side. */
  counted: Record<string, number>;
  smallestTitle: number;
  /** Lane names not shown whole beside their bands. */
  cutNames: string[];
  /** The drawing's width on screen from the first step's left to the last step's right. */
  span: number;
}

async function seen(page: Page): Promise<Seen> {
  return page.getByTestId('editor-canvas').evaluate((canvas) => {
    const pane = canvas.querySelector('.react-flow')!.getBoundingClientRect();
    const nodes = [...canvas.querySelectorAll<HTMLElement>('.react-flow__node')];
    const outside = nodes
      .filter((n) => {
        const r = n.getBoundingClientRect();
        return (
          r.left < pane.left - 0.5 ||
          r.top < pane.top - 0.5 ||
          r.right > pane.right + 0.5 ||
          r.bottom > pane.bottom + 0.5
        );
      })
      .map((n) => n.dataset.id!);
    const counted: Record<string, number> = {};
    for (const note of canvas.querySelectorAll<HTMLElement>('[data-testid^="more-steps-"]'))
      counted[note.dataset.testid!.slice('more-steps-'.length)] = Number.parseInt(note.textContent ?? '', 10);
    // Every title, the names under an end's circle and a parallel bar too.
    const titles = [...canvas.querySelectorAll<HTMLElement>('.react-flow__node .pf-title')]
      .filter((t) => t.offsetHeight > 0)
      .map(
        (t) =>
          (t.getBoundingClientRect().height / t.offsetHeight) *
          Number.parseFloat(getComputedStyle(t).fontSize),
      );
    const cutNames: string[] = [];
    for (const label of canvas.querySelectorAll<HTMLElement>('.pf-lane-label')) {
      const name = label.querySelector<HTMLElement>('.pf-lane-name')!;
      const whole =
        getComputedStyle(name).display !== 'none' &&
        name.scrollWidth <= name.clientWidth + 1 &&
        name.getBoundingClientRect().bottom <= label.getBoundingClientRect().bottom + 1 &&
        !label.classList.contains('pf-lane-one-line');
      if (!whole) cutNames.push(name.textContent ?? '');
    }
    const rects = nodes.map((n) => n.getBoundingClientRect());
    const span = Math.max(...rects.map((r) => r.right)) - Math.min(...rects.map((r) => r.left));
    return { outside, counted, smallestTitle: Math.min(...titles), cutNames, span };
  });
}

/** Problems whose subject ("Arrow from “Did the payer approve?”") runs past the panel's right edge. */
function subjectsOffScreen(page: Page): Promise<string[]> {
  return page.getByTestId('lint-panel').evaluate((panel) => {
    const right = Math.min(panel.getBoundingClientRect().right, document.documentElement.clientWidth);
    return [...panel.querySelectorAll<HTMLElement>('.pf-lint-where')]
      .filter((w) => w.getBoundingClientRect().right > right + 1)
      .map((w) => w.textContent ?? '');
  });
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

/** Every step on screen, or counted at the edge it lies beyond; titles readable; lane names whole. */
function viewProblems(s: Seen): string[] {
  const problems: string[] = [];
  const counted = Object.values(s.counted).reduce((a, b) => a + b, 0);
  if (counted !== s.outside.length)
    problems.push(
      `${s.outside.length} steps are off screen (${s.outside.join(', ')}), ${counted} are counted`,
    );
  if (s.smallestTitle < READABLE_PX - 0.05) problems.push(`titles are ${s.smallestTitle.toFixed(1)} px`);
  for (const name of s.cutNames) problems.push(`the lane name "${name}" is cut`);
  return problems;
}

describe('an eight-step workflow in the editor', () => {
  for (const [width, height] of [
    [1280, 800],
    [1366, 768],
    [1920, 1080],
  ] as const) {
    it(`at ${width}×${height}: opens readable with every step shown or counted, Auto layout arranges the palette’s staircase, lane names stay whole`, async () => {
      const id = `prior-authorization-${width}`;
      await createDraft(id);
      let browser: Browser | undefined;
      try {
        browser = await openBrowser({ width, height });
        const page = browser.page;
        await signIn(page, server.url, 'lead', PASSWORD);
        await page.goto(`${server.url}/workflows/${id}`);
        await page.locator('.react-flow__node').first().waitFor();
        await page.getByTestId('inspector').waitFor();
        await still(page);
        const opened = await seen(page);
        expect(viewProblems(opened)).toEqual([]);
        // A long problem ends in "…": what each problem is about stays on screen beside it.
        expect(await subjectsOffScreen(page)).toEqual([]);

        await page.getByTestId('layout-button').click();
        await expect.poll(() => page.getByText('Every step laid out').isVisible()).toBe(true);
        await dismissToasts(page);
        await page.mouse.move(width / 2, height - 4);
        await still(page);
        const laid = await seen(page);
        expect(viewProblems(laid)).toEqual([]);
        // Out of the staircase: the same eight steps take less room across.
        expect(laid.span).toBeLessThan(opened.span * 0.9);
        await screenshot(page, `editor-eight-steps-${width}`);

        // The note at the edge shows the steps beyond it.
        if (laid.counted.right) {
          await page.getByTestId('more-steps-right').click();
          await still(page);
          const moved = await seen(page);
          expect(viewProblems(moved)).toEqual([]);
          expect(moved.outside).not.toEqual(laid.outside);
        }

        // Zoomed out as far as it goes, the lanes' names are still whole.
        const zoomOut = page.getByRole('button', { name: 'Zoom Out' });
        for (let i = 0; i < 20 && (await zoomOut.isEnabled()); i++) await zoomOut.click();
        await still(page);
        expect((await seen(page)).cutNames).toEqual([]);
        if (width === 1366) await screenshot(page, 'editor-eight-steps-zoomed-out');
      } finally {
        await browser?.close();
      }
    });
  }

  it('one Undo takes back a new title and the id that followed it, and the step stays chosen', async () => {
    const id = 'prior-authorization-undo';
    await createDraft(id);
    let browser: Browser | undefined;
    try {
      browser = await openBrowser({ width: 1366, height: 768 });
      const page = browser.page;
      await signIn(page, server.url, 'lead', PASSWORD);
      await page.goto(`${server.url}/workflows/${id}`);
      await page.getByTestId('node-collect-insurance-card').click();
      const title = page.getByTestId('inspector-title');
      await title.fill('Collect the insurance details');
      await title.press('Enter');
      await page.getByTestId('node-collect-the-insurance-details').waitFor();
      await page.getByTestId('undo-button').click();
      await page.getByTestId('node-collect-insurance-card').waitFor();
      await expect.poll(() => title.inputValue()).toBe('Collect insurance card');
      await expect.poll(() => page.getByTestId('inspector').getByRole('heading').textContent()).toBe('Step');
      expect(await page.getByTestId('node-collect-the-insurance-details').count()).toBe(0);
    } finally {
      await browser?.close();
    }
  });
});
