import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, screenshot, signIn } from './support/browser.ts';
import { openReplay, proxyRequestChecked, still } from './support/replay.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * The replay of a request on the demo's longest workflow (proxy access, 23 steps in 5 lanes), at a
 * laptop's and a desk monitor's widths: Fit view brings every step into view, and no arrow of the path
 * taken is drawn over an arrow's label.
 */
let server: TestServer;
let instanceId: string;

beforeAll(async () => {
  server = await startTestServer();
  instanceId = await proxyRequestChecked(server.url);
});
afterAll(async () => {
  await server?.stop();
});

/** Every step box, whole inside the diagram's pane right of the lane names, or not. */
function stepsOnScreen(page: Page) {
  return page.evaluate(() => {
    const diagram = document.querySelector('[data-testid="audit-diagram"]')!;
    const pane = diagram.querySelector('.react-flow')!.getBoundingClientRect();
    const names = diagram.querySelector('.pf-lane-labels')!.getBoundingClientRect();
    return [...diagram.querySelectorAll<HTMLElement>('.react-flow__node')].map((node) => {
      const box = node.getBoundingClientRect();
      return {
        step: node.dataset.id ?? '',
        whole:
          box.width > 0 &&
          box.left >= names.right - 1 &&
          box.top >= pane.top - 1 &&
          box.right <= pane.right + 1 &&
          box.bottom <= pane.bottom + 1,
      };
    });
  });
}

/**
 * The arrow labels on screen with an arrow drawn over them: a label struck through. Each is named by
 * its words. Arrows are made hit-testable for the check (a read-only diagram's are not), and every
 * pixel across a label's middle row and down its middle column is asked what is on top there: an
 * arrow through a label crosses one of them.
 */
function labelsCovered(page: Page) {
  return page.evaluate(() => {
    const probe = document.createElement('style');
    probe.textContent = '.react-flow__edge-path { pointer-events: stroke !important; }';
    document.head.append(probe);
    try {
      const diagram = document.querySelector('[data-testid="audit-diagram"]')!;
      const pane = diagram.querySelector('.react-flow')!.getBoundingClientRect();
      const covered: string[] = [];
      let seen = 0;
      let lit = 0;
      for (const label of diagram.querySelectorAll<HTMLElement>('.pf-edge-label')) {
        const r = label.getBoundingClientRect();
        if (r.left < pane.left || r.right > pane.right || r.top < pane.top || r.bottom > pane.bottom)
          continue;
        seen++;
        if (label.classList.contains('pf-edge-lit')) lit++;
        const cx = r.left + r.width / 2;
        const cy = r.top + r.height / 2;
        const points: Array<[number, number]> = [];
        for (let x = r.left + 1; x < r.right - 1; x++) points.push([x, cy]);
        for (let y = r.top + 1; y < r.bottom - 1; y++) points.push([cx, y]);
        const over = points
          .map(([x, y]) => document.elementFromPoint(x, y))
          .find((top) => top && !label.contains(top));
        if (over) covered.push(`"${label.textContent}" under ${over.getAttribute('class') ?? over.tagName}`);
      }
      return { seen, lit, covered };
    } finally {
      probe.remove();
    }
  });
}

describe('the audit replay of the longest workflow', () => {
  for (const size of [
    { width: 1280, height: 800 },
    { width: 1366, height: 768 },
    { width: 1920, height: 1080 },
  ])
    it(`at ${size.width}×${size.height}: Fit view shows every step, and no label is struck through`, async () => {
      const b = await openBrowser(size);
      try {
        await signIn(b.page, server.url, 'auditor', PASSWORD);
        await openReplay(b.page, server.url, instanceId);
        await still(b.page);
        const opened = await labelsCovered(b.page);
        expect(opened.covered).toEqual([]);
        await screenshot(b.page, `audit-replay-longest-${size.width}-open`);

        await b.page.getByRole('button', { name: 'Fit view' }).click();
        await still(b.page);
        const steps = await stepsOnScreen(b.page);
        expect(steps.length).toBe(23);
        expect(steps.filter((s) => !s.whole).map((s) => s.step)).toEqual([]);
        const fitted = await labelsCovered(b.page);
        // The path's own labels among them: the arrows drawn over the others.
        expect(fitted.lit).toBeGreaterThan(0);
        expect(fitted.covered).toEqual([]);
        await screenshot(b.page, `audit-replay-longest-${size.width}-fit`);
      } finally {
        await b.close();
      }
    });
});
