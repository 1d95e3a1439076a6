// The editor on a tablet held upright (768 × 1024), a laptop (1280 × 800) and a desktop (1920 × 1080):
// the diagram gets most of the editor's width and a fair share of the screen, the palette, the
// inspector and the problems stay on screen, and no panel covers another.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe.ts';
import { type Browser, openBrowser, screenshot, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

const WORKFLOW = 'portal-message-triage';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

interface Area {
  name: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The app's header and menu and the editor's panels, where the page draws them. */
async function areas(page: Page): Promise<Area[]> {
  const parts: Array<[string, string]> = [
    ['header', 'header'],
    ['menu', 'nav[aria-label="Main"]'],
    ['top bar', '.pf-topbar'],
    ['palette', 'nav[aria-label="Step kinds"]'],
    ['diagram', 'section[aria-label="Diagram"]'],
    // The inspector, or the simulation or comparison in its place.
    ['side panel', 'aside.pf-inspector'],
    ['problems', '[data-testid="lint-panel"]'],
  ];
  const out: Area[] = [];
  for (const [name, selector] of parts) {
    const el = page.locator(selector).first();
    if (!(await el.isVisible())) continue;
    const box = await el.boundingBox();
    if (box && box.width > 0 && box.height > 0) out.push({ name, ...box });
  }
  return out;
}

const overlap = (a: Area, b: Area) =>
  Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) *
  Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));

async function openEditor(page: Page): Promise<void> {
  await page.goto(`${server.url}/workflows/${WORKFLOW}`);
  await page.getByTestId('editor-canvas').waitFor();
  await page.locator('.react-flow__node').first().waitFor();
  await page.getByTestId('inspector').waitFor();
}

/** What is wrong with the editor's frame at one screen size (nothing, when it is right). */
async function frameProblems(page: Page, width: number, height: number): Promise<string[]> {
  const problems: string[] = [];
  const found = await areas(page);
  const byName = new Map(found.map((a) => [a.name, a]));
  for (const name of ['top bar', 'palette', 'diagram', 'side panel', 'problems'])
    if (!byName.has(name)) problems.push(`the ${name} is not shown`);
  // Nothing covers anything else, and nothing runs off the right of the screen.
  for (let i = 0; i < found.length; i++)
    for (let j = i + 1; j < found.length; j++)
      if (overlap(found[i]!, found[j]!) > 1)
        problems.push(`the ${found[i]!.name} and the ${found[j]!.name} overlap`);
  for (const a of found) if (a.x + a.width > width + 1) problems.push(`the ${a.name} runs off the screen`);
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  if (scrollWidth > width) problems.push(`the page is ${scrollWidth} px wide on a ${width} px screen`);
  // The diagram: most of the editor's width and at least a third of the screen.
  const diagram = byName.get('diagram');
  if (diagram) {
    const menu = byName.get('menu');
    const editorWidth = width - (menu ? menu.x + menu.width : 0);
    const shown = {
      width: Math.min(diagram.x + diagram.width, width) - Math.max(diagram.x, 0),
      height: Math.min(diagram.y + diagram.height, height) - Math.max(diagram.y, 0),
    };
    const ofWidth = shown.width / editorWidth;
    const ofScreen = (shown.width * shown.height) / (width * height);
    if (ofWidth < 0.6) problems.push(`the diagram has ${pct(ofWidth)} of the editor's width`);
    if (ofScreen < 0.33) problems.push(`the diagram has ${pct(ofScreen)} of the screen`);
  }
  return problems;
}

const pct = (share: number) => `${Math.round(share * 100)} %`;

describe('the editor on a tablet, a laptop and a desktop screen', () => {
  for (const [width, height, name] of [
    [768, 1024, 'editor-tablet'],
    [1280, 800, undefined],
    [1920, 1080, undefined],
  ] as const) {
    it(`gives the diagram most of the room at ${width}×${height}, with every panel on screen and none over another`, async () => {
      let browser: Browser | undefined;
      try {
        browser = await openBrowser({ width, height });
        const page = browser.page;
        await signIn(page, server.url, 'lead', PASSWORD);
        await openEditor(page);
        expect(await frameProblems(page, width, height)).toEqual([]);
        // Choosing a step shows it in the inspector, on screen, with the frame still in order.
        await page.getByTestId('node-route-message').click();
        const heading = page.getByTestId('inspector').getByRole('heading');
        await expect.poll(() => heading.textContent()).toBe('Step');
        await expect.poll(() => page.getByTestId('inspector-title').isVisible()).toBe(true);
        expect(await frameProblems(page, width, height)).toEqual([]);
        expect(await seriousViolations(page)).toEqual([]);
        if (name) await screenshot(page, name);
        // The simulation takes the inspector's place (under the diagram on a tablet).
        await page.getByTestId('simulate-button').click();
        await page.getByTestId('simulate-panel').waitFor();
        expect(await frameProblems(page, width, height)).toEqual([]);
      } finally {
        await browser?.close();
      }
    });
  }
});
