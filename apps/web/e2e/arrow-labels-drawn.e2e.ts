// Every bundled workflow's arrow labels as Chromium draws them, in the editor and in the audit replay
// of a finished request (where the labels along the request's path are drawn bold over a thick line):
// each label fills exactly the box the diagram placed it in, its words are whole, and no other arrow's
// line (at the width it is drawn) runs through or along it, nor does another label cover it.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

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

/** What is wrong with the labels drawn in the diagram `testId`, in diagram units; and how many were bold. */
function labelProblems(page: Page, testId: string) {
  return page.getByTestId(testId).evaluate((diagram) => {
    const problems: string[] = [];
    const viewport = diagram.querySelector<HTMLElement>('.react-flow__viewport')!;
    const origin = viewport.getBoundingClientRect();
    const zoom = new DOMMatrix(getComputedStyle(viewport).transform).a;
    // Paths are drawn in diagram units inside the viewport; each with the width its line is drawn at.
    const arrows = [...diagram.querySelectorAll<SVGPathElement>('.react-flow__edge-path')].map((path) => ({
      id: path.closest('.react-flow__edge')?.getAttribute('data-id') ?? '',
      reach: Number.parseFloat(getComputedStyle(path).strokeWidth) / 2,
      points: [...(path.getAttribute('d') ?? '').matchAll(/[ML]\s*(-?[\d.]+)[ ,]\s*(-?[\d.]+)/g)].map(
        (m) => ({
          x: Number(m[1]),
          y: Number(m[2]),
        }),
      ),
    }));
    const labels = [...diagram.querySelectorAll<HTMLElement>('.pf-edge-label')].map((el) => {
      const r = el.getBoundingClientRect();
      return {
        el,
        id: (el.dataset.testid ?? '').replace(/^edge-/, ''),
        words: el.textContent ?? '',
        box: {
          x: (r.left - origin.left) / zoom,
          y: (r.top - origin.top) / zoom,
          width: r.width / zoom,
          height: r.height / zoom,
        },
      };
    });
    let bold = 0;
    for (const [i, label] of labels.entries()) {
      const { el, box, words } = label;
      if (Number.parseInt(getComputedStyle(el).fontWeight, 10) >= 600) bold++;
      // The box the diagram placed: the label may not grow past it (onto what the diagram kept it off).
      const placed = {
        width: Number.parseFloat(el.style.minWidth),
        height: Number.parseFloat(el.style.minHeight),
      };
      if (el.offsetWidth > placed.width + 0.5 || el.offsetHeight > placed.height + 0.5)
        problems.push(
          `"${words}" is drawn ${el.offsetWidth}×${el.offsetHeight}, its place is ${placed.width}×${placed.height}`,
        );
      for (const part of el.querySelectorAll('span'))
        if (part.scrollWidth > part.clientWidth + 0.5) problems.push(`"${words}" is cut`);
      for (const arrow of arrows) {
        if (arrow.id === label.id) continue;
        const on = arrow.points.some((b, k) => {
          if (k === 0) return false;
          const a = arrow.points[k - 1]!;
          const dx = Math.max(0, box.x - Math.max(a.x, b.x), Math.min(a.x, b.x) - (box.x + box.width));
          const dy = Math.max(0, box.y - Math.max(a.y, b.y), Math.min(a.y, b.y) - (box.y + box.height));
          return Math.hypot(dx, dy) < arrow.reach;
        });
        if (on) problems.push(`"${words}" lies on the arrow ${arrow.id}`);
      }
      for (const other of labels.slice(i + 1)) {
        const o = other.box;
        if (
          box.x < o.x + o.width &&
          o.x < box.x + box.width &&
          box.y < o.y + o.height &&
          o.y < box.y + box.height
        )
          problems.push(`"${words}" and "${other.words}" overlap`);
      }
    }
    return { problems, labels: labels.length, bold };
  });
}

describe('arrow labels as drawn', () => {
  it('in the editor, every bundled workflow: each label in its place, whole, off the other arrows', async () => {
    const browser = await openBrowser({ width: 1920, height: 1080 });
    try {
      const page = browser.page;
      await signIn(page, server.url, 'lead', PASSWORD);
      const problems: string[] = [];
      for (const id of WORKFLOWS) {
        await page.goto(`${server.url}/workflows/${id}`);
        await page.locator('.react-flow__node').first().waitFor();
        await page.getByTestId('inspector').waitFor();
        await page.locator('.pf-edge-label').first().waitFor();
        const found = await labelProblems(page, 'editor-canvas');
        expect(found.labels, id).toBeGreaterThan(5);
        for (const p of found.problems) problems.push(`${id}: ${p}`);
      }
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('in the audit replay of a finished request of every bundled workflow, its path drawn bold', async () => {
    const auditor = await apiSession(server.url, 'auditor', PASSWORD);
    const done = await auditor<{ items: Array<{ id: string; definitionId: string }> }>(
      'GET',
      '/instances?status=done&limit=500',
    );
    const finished = new Map<string, string>();
    for (const row of done.body.items)
      if (!finished.has(row.definitionId)) finished.set(row.definitionId, row.id);
    expect(finished.size).toBeGreaterThanOrEqual(8);
    const browser = await openBrowser({ width: 1920, height: 1080 });
    try {
      const page = browser.page;
      await signIn(page, server.url, 'auditor', PASSWORD);
      const problems: string[] = [];
      let bold = 0;
      for (const [workflow, id] of [...finished].sort(([a], [b]) => a.localeCompare(b))) {
        await page.goto(`${server.url}/audit/instances/${encodeURIComponent(id)}`);
        await page.getByTestId('audit-timeline').waitFor();
        await page.locator('[data-testid="audit-diagram"] .pf-edge-label').first().waitFor();
        const found = await labelProblems(page, 'audit-diagram');
        bold += found.bold;
        for (const p of found.problems) problems.push(`${workflow}: ${p}`);
      }
      expect(bold, 'labels along the paths, drawn bold').toBeGreaterThan(10);
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
