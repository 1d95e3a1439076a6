// Every bundled workflow opened in the editor on a laptop (1366×768) and a desk monitor (1920×1080):
// every step title on screen reads at 11 px or more (the names under an end's circle and a parallel
// bar too), every step is on screen or counted at the edge it lies beyond ("8 more steps to the
// right"), and every lane on screen shows its name whole beside its band.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, openBrowser, screenshot, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/** The size below which a step title is too small to read comfortably (px on screen). */
const READABLE_PX = 11;

const WORKFLOWS = readdirSync(join(import.meta.dirname, '../../../examples/workflows'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -'.json'.length))
  .sort();

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

/** What is wrong with the editor's first view of a workflow (nothing, when it is right). */
function openingProblems(page: Page): Promise<string[]> {
  return page.getByTestId('editor-canvas').evaluate((canvas, readable) => {
    const problems: string[] = [];
    const pane = canvas.querySelector('.react-flow')!.getBoundingClientRect();
    const inPane = (r: DOMRect) =>
      r.left < pane.right && r.right > pane.left && r.top < pane.bottom && r.bottom > pane.top;
    // Titles on screen, as drawn: the font size times the scale the diagram is drawn at.
    for (const title of canvas.querySelectorAll<HTMLElement>('.react-flow__node .pf-title')) {
      if (title.offsetHeight === 0 || !inPane(title.getBoundingClientRect())) continue;
      const px =
        (title.getBoundingClientRect().height / title.offsetHeight) *
        Number.parseFloat(getComputedStyle(title).fontSize);
      if (px < readable - 0.05) problems.push(`“${title.textContent}” is drawn at ${px.toFixed(1)} px`);
    }
    // Every step on screen, or counted by a note at an edge.
    const outside = [...canvas.querySelectorAll<HTMLElement>('.react-flow__node')].filter((n) => {
      const r = n.getBoundingClientRect();
      return (
        r.left < pane.left - 0.5 ||
        r.top < pane.top - 0.5 ||
        r.right > pane.right + 0.5 ||
        r.bottom > pane.bottom + 0.5
      );
    });
    let counted = 0;
    for (const note of canvas.querySelectorAll<HTMLElement>('[data-testid^="more-steps-"]'))
      counted += Number.parseInt(note.textContent ?? '', 10);
    if (counted !== outside.length)
      problems.push(`${outside.length} steps are off screen, the notes count ${counted}`);
    // Each lane with a band on screen names its role whole beside it.
    for (const label of canvas.querySelectorAll<HTMLElement>('.pf-lane-label')) {
      const band = label.getBoundingClientRect();
      if (Math.min(band.bottom, pane.bottom) - Math.max(band.top, pane.top) < 24) continue;
      const name = label.querySelector<HTMLElement>('.pf-lane-name')!;
      const box = name.getBoundingClientRect();
      const whole =
        getComputedStyle(name).display !== 'none' &&
        name.scrollWidth <= name.clientWidth + 1 &&
        box.bottom <= Math.min(band.bottom, pane.bottom) + 1 &&
        !label.classList.contains('pf-lane-one-line');
      if (!whole) problems.push(`the lane name “${name.textContent}” is cut`);
    }
    return problems;
  }, READABLE_PX);
}

/** Waits for the view to stop moving (the first view may glide). */
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

describe('every bundled workflow opened in the editor', () => {
  for (const [width, height] of [
    [1366, 768],
    [1920, 1080],
  ] as const) {
    it(`at ${width}×${height}: titles readable, every step shown or counted, lane names whole`, async () => {
      let browser: Browser | undefined;
      try {
        browser = await openBrowser({ width, height });
        const page = browser.page;
        await signIn(page, server.url, 'lead', PASSWORD);
        const problems: string[] = [];
        for (const id of WORKFLOWS) {
          await page.goto(`${server.url}/workflows/${id}`);
          await page.locator('.react-flow__node').first().waitFor();
          await page.getByTestId('inspector').waitFor();
          await still(page);
          for (const problem of await openingProblems(page)) problems.push(`${id}: ${problem}`);
          if (id === 'prescription-refill') await screenshot(page, `editor-opens-${width}`);
        }
        expect(problems).toEqual([]);
      } finally {
        await browser?.close();
      }
    });
  }
});
