// Opening a 1,000-step workflow in the editor: what the browser is asked to draw, not how fast.
// Only the boxes on screen are ever put in the page (never all 1,000 to be measured and taken away
// again), step pickers hold no options until opened, lint marks are drawn once, and every arrow on
// screen ends up routed; the inspector, its pickers and the fit control still work.
import { autoLayout } from '@portalflow/diagram';
import type { Definition } from '@portalflow/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDefinition } from '../../../packages/engine/test/support/generate.ts';
import { emptyLayout } from '../src/model/document.ts';
import { apiSession } from './support/api.ts';
import { type Browser, openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

const STEPS = 1000;
const ID = 'open-1000';

let server: TestServer;
let browser: Browser;
let definition: Definition;

/** Installed before the app's scripts: the most boxes ever in the page, and each change of a box's lint marks. */
const WATCH = `
  globalThis.__name = (fn) => fn;
  globalThis.__pfMostBoxes = 0;
  globalThis.__pfMarkChanges = 0;
  new MutationObserver((records) => {
    const boxes = document.querySelectorAll('.react-flow__node').length;
    if (boxes > globalThis.__pfMostBoxes) globalThis.__pfMostBoxes = boxes;
    for (const r of records)
      if (r.target instanceof Element && r.target.classList.contains('pf-badges')) globalThis.__pfMarkChanges++;
  }).observe(document, { childList: true, subtree: true });
`;

beforeAll(async () => {
  server = await startTestServer();
  const lead = await apiSession(server.url, 'lead', PASSWORD);
  definition = { ...generateDefinition(STEPS), id: ID, title: `Generated ${STEPS}-step workflow` };
  const created = await lead('POST', '/definitions', {
    definition,
    layout: autoLayout(definition, emptyLayout()),
  });
  expect(created.status).toBe(201);
  browser = await openBrowser({ width: 1440, height: 900 });
  await browser.context.addInitScript(WATCH);
  await signIn(browser.page, server.url, 'lead', PASSWORD);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('opening a 1,000-step workflow', () => {
  it('puts only the boxes on screen and the first problems in the page, with routed arrows, one drawing of the lint marks and a working inspector', async () => {
    const page = browser.page;
    await page.goto(`${server.url}/workflows/${ID}`);
    await page.getByTestId('editor-canvas').waitFor();
    await page.locator('.react-flow__node').first().waitFor();
    // Every arrow on screen routed (none drawn provisionally from box to box).
    await expect.poll(() => page.locator('.pf-edge-provisional').count(), { timeout: 20_000 }).toBe(0);
    await page.getByTestId('inspector').waitFor();
    await page.getByTestId('workflow-title').waitFor();

    const seen = await page.evaluate(() => {
      const g = globalThis as unknown as { __pfMostBoxes: number; __pfMarkChanges: number };
      return {
        most: g.__pfMostBoxes,
        marks: g.__pfMarkChanges,
        onScreen: document.querySelectorAll('.react-flow__node').length,
        // Steps only: the start form's role picker (the generated workflow has one) is not a step picker.
        options: document.querySelectorAll('[role="option"]:has([data-step])').length,
      };
    });
    expect(seen.onScreen).toBeGreaterThan(0);
    // The editor opens at a readable zoom on the start of the workflow: a few dozen boxes at most.
    expect(seen.most).toBeLessThan(100);
    // The "Starts at" picker lists 1,000 steps only once it is opened.
    expect(seen.options).toBeLessThan(50);
    // Lint ran once, with the roles people hold: no second drawing of the boxes' marks when the
    // staff list arrives.
    expect(seen.marks).toBeLessThanOrEqual(1);

    // The problems panel drew its first rows; every problem is there for the asking (scrolled to, or
    // pressed from the keyboard).
    const rows = page.getByTestId('lint-finding');
    const counted = async (id: string) =>
      Number.parseInt((await page.getByTestId(id).textContent()) ?? 'NaN', 10);
    const problems = (await counted('lint-count-errors')) + (await counted('lint-count-warnings'));
    expect(problems).toBeGreaterThan(40);
    expect(await rows.count()).toBe(40);
    // Scrolling the button into view shows more rows by itself and may take the button away before a
    // click lands: press it where it is, as the keyboard would, until every problem is shown.
    await expect
      .poll(
        async () => {
          await page.evaluate(() =>
            (document.querySelector('[data-testid="lint-more"]') as HTMLButtonElement | null)?.click(),
          );
          return page.getByTestId('lint-more').count();
        },
        { timeout: 20_000 },
      )
      .toBe(0);
    expect(await rows.count()).toBeGreaterThanOrEqual(problems);
    // The minimap, turned on, draws the whole workflow.
    await page.getByRole('button', { name: 'Minimap' }).click();
    await page.locator('.react-flow__minimap').waitFor();

    // The pickers still offer every step once opened, the last one too.
    const startsAt = page.getByLabel('Starts at', { exact: true }).first();
    await startsAt.click();
    await expect.poll(() => page.getByRole('option').count()).toBeGreaterThanOrEqual(STEPS);
    await startsAt.fill('(998)');
    await page.locator('[role="option"]:has([data-step="s00998"])').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('[role="option"]:has([data-step])').count()).toBeLessThan(50);

    // Fit view keeps titles readable (it does not shrink 1,000 steps to dots) and shows the start.
    const zoom = () =>
      page.locator('.react-flow__viewport').evaluate((el) => new DOMMatrix(getComputedStyle(el).transform).a);
    const before = await zoom();
    await page.getByRole('button', { name: 'Fit view' }).click();
    await expect.poll(zoom).toBeCloseTo(before, 2);
    await page.locator(`.react-flow__node[data-id="${definition.start}"]`).waitFor();
    // Zoomed out by hand as far as it goes, the whole workflow is drawn, boxes never drawn before
    // included.
    const zoomOut = page.getByRole('button', { name: 'Zoom Out' });
    for (let i = 0; i < 30 && (await zoomOut.isEnabled()); i++) await zoomOut.click();
    // As far as it goes is where the longest lane name still fits (about a quarter of the opening zoom).
    await expect.poll(zoom, { timeout: 10_000 }).toBeLessThan(before / 3);
    await expect
      .poll(() => page.locator('.react-flow__node').count(), { timeout: 10_000 })
      .toBeGreaterThan(seen.onScreen);

    // Lanes are low at that size: each lane's name is whole or ends in "…", never cut through its letters.
    const cut = await page.getByTestId('lane-labels').evaluate((labels) =>
      [...labels.querySelectorAll('.pf-lane-label')]
        .filter((label) => label.getBoundingClientRect().height > 0)
        .filter((label) => {
          const name = label.querySelector('.pf-lane-name')!.getBoundingClientRect();
          return name.bottom > label.getBoundingClientRect().bottom + 0.5;
        })
        .map((label) => label.textContent),
    );
    expect(cut).toEqual([]);

    // Titles are too small to read at that size: "Readable size" zooms in on where requests start,
    // not on the middle of the drawing.
    await page.getByTestId('fit-note').getByRole('button').click();
    await expect.poll(zoom, { timeout: 10_000 }).toBeGreaterThan(before * 0.9);
    const pane = (await page.locator('.react-flow').boundingBox())!;
    const start = page.locator(`.react-flow__node[data-id="${definition.start}"]`);
    await expect.poll(() => start.count(), { timeout: 10_000 }).toBe(1);
    const box = (await start.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(pane.x);
    expect(box.y).toBeGreaterThanOrEqual(pane.y);
    expect(box.x + box.width).toBeLessThanOrEqual(pane.x + pane.width);
    expect(box.y + box.height).toBeLessThanOrEqual(pane.y + pane.height);
  });
});
