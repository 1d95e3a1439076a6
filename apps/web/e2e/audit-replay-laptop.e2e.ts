import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, screenshot, signIn } from './support/browser.ts';
import { abnormalLabResult, openReplay, still } from './support/replay.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/** The size the editor reads step titles at (canvas/readableView.ts: READABLE_TITLE_PX). */
const READABLE_TITLE_PX = 11;

let server: TestServer;
let instanceId: string;

beforeAll(async () => {
  server = await startTestServer();
  // A lab result flagged abnormal, handed by the provider to the nurse to call: a path across four lanes.
  instanceId = await abnormalLabResult(server.url, 'DEMO-7301');
});
afterAll(async () => {
  await server?.stop();
});

/**
 * The steps on the path so far (passed or open) as drawn: whole inside the diagram's pane, or cut by a
 * side edge (the left one is where the lane names are); the size the step titles are drawn at; and the
 * heights of the diagram and of the state shown below it.
 */
function pathOnScreen(page: Page) {
  return page.evaluate(() => {
    const diagram = document.querySelector('[data-testid="audit-diagram"]')!;
    const pane = diagram.querySelector('.react-flow')!.getBoundingClientRect();
    const names = diagram.querySelector('.pf-lane-labels')!.getBoundingClientRect();
    const viewport = diagram.querySelector<HTMLElement>('.react-flow__viewport')!;
    const zoom = new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a;
    const titlePx = Number.parseFloat(getComputedStyle(diagram.querySelector('.pf-title')!).fontSize) * zoom;
    const steps = [...diagram.querySelectorAll<HTMLElement>('.react-flow__node')]
      .filter((node) => node.querySelector('.pf-active, .pf-visited'))
      .map((node) => {
        const box = node.getBoundingClientRect();
        const acrossDown = box.bottom > pane.top && box.top < pane.bottom;
        return {
          step: node.dataset.id ?? '',
          active: !!node.querySelector('.pf-active'),
          whole:
            box.width > 0 &&
            box.left >= pane.left - 1 &&
            box.top >= pane.top - 1 &&
            box.right <= pane.right + 1 &&
            box.bottom <= pane.bottom + 1,
          // Part of it under the lane names, part beside them; or cut by the right edge.
          cut:
            acrossDown &&
            ((box.left < names.right - 1 && box.right > names.right + 1) ||
              (box.left < pane.right - 1 && box.right > pane.right + 1)),
        };
      });
    // The open steps, the data and the files, in one panel under the diagram.
    const state = document
      .querySelector('[data-testid="replay-active"]')!
      .parentElement!.getBoundingClientRect();
    return { steps, titlePx, diagramHeight: pane.height, stateHeight: state.height };
  });
}

describe('the audit replay on a laptop', () => {
  for (const size of [
    { width: 1366, height: 900 },
    { width: 1280, height: 800 },
  ])
    it(`shows the path taken readable at ${size.width}×${size.height}, following the scrubbed event`, async () => {
      const b = await openBrowser(size);
      try {
        await signIn(b.page, server.url, 'auditor', PASSWORD);
        await openReplay(b.page, server.url, instanceId);
        const current = () =>
          b.page.locator('[data-testid^="timeline-entry-"][data-current="true"]').getAttribute('data-testid');
        await expect.poll(current).toBe('timeline-entry-5');
        await still(b.page);

        // At the latest event: the step it reached (the nurse's call) whole in view, its title at the
        // editor's readable size, and no step of the path cut by the lane names or the right edge.
        const latest = await pathOnScreen(b.page);
        expect(latest.steps.length).toBeGreaterThanOrEqual(6);
        expect(latest.steps.find((s) => s.step === 'abnormal-call')?.whole).toBe(true);
        expect(latest.steps.filter((s) => s.cut)).toEqual([]);
        expect(latest.titlePx).toBeGreaterThanOrEqual(READABLE_TITLE_PX - 0.05);
        // The diagram has most of the height; the state under it scrolls on its own.
        expect(latest.diagramHeight).toBeGreaterThanOrEqual(2 * latest.stateHeight);
        await screenshot(b.page, `audit-replay-${size.width}`);

        // Scrubbed back to each event, the view follows: a step open then is whole in view and readable,
        // and no step of the path is cut at a side.
        await b.page.getByTestId('scrubber-first').click();
        for (let event = 1; event <= 5; event++) {
          await expect.poll(current).toBe(`timeline-entry-${event}`);
          await still(b.page);
          const then = await pathOnScreen(b.page);
          expect(then.steps.filter((s) => s.active && s.whole).length, `event ${event}`).toBeGreaterThan(0);
          expect(
            then.steps.filter((s) => s.cut),
            `event ${event}`,
          ).toEqual([]);
          expect(then.titlePx).toBeGreaterThanOrEqual(READABLE_TITLE_PX - 0.05);
          if (event === 3) await screenshot(b.page, `audit-replay-${size.width}-scrubbed`);
          if (event < 5) await b.page.getByTestId('scrubber-forward').click();
        }
      } finally {
        await b.close();
      }
    });
});
