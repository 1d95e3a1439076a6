// The audit replay of a finished request of every bundled workflow, on a laptop (1366×768) and a desk
// monitor (1920×1080), at its last event and at its first: every step is on screen or counted at the
// edge it lies beyond ("6 more steps to the left"), the note shows them when pressed, and no step is
// cut by the pane's side edges nor drawn against the lane names at the left.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { type Browser, openBrowser, screenshot, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

let server: TestServer;
/** One finished request of each workflow the demo played a week of, by workflow. */
const finished: Array<{ workflow: string; id: string }> = [];

beforeAll(async () => {
  server = await startTestServer();
  const auditor = await apiSession(server.url, 'auditor', PASSWORD);
  const page = await auditor<{ items: Array<{ id: string; definitionId: string }> }>(
    'GET',
    '/instances?status=done&limit=500',
  );
  expect(page.status).toBe(200);
  for (const row of page.body.items)
    if (!finished.some((f) => f.workflow === row.definitionId))
      finished.push({ workflow: row.definitionId, id: row.id });
  finished.sort((a, b) => a.workflow.localeCompare(b.workflow));
});
afterAll(async () => {
  await server?.stop();
});

/** Steps off screen, what the notes count, and the steps cut by the pane's side edges. */
function shown(page: Page) {
  return page.getByTestId('audit-diagram').evaluate((diagram) => {
    const pane = diagram.querySelector('.react-flow')!.getBoundingClientRect();
    const nodes = [...diagram.querySelectorAll<HTMLElement>('.react-flow__node')];
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
      .map((n) => n.dataset.id ?? '');
    let counted = 0;
    for (const note of diagram.querySelectorAll<HTMLElement>('[data-testid^="more-steps-"]'))
      counted += Number.parseInt(note.textContent ?? '', 10);
    // Cut by a side edge, or drawn against the left one, where the lane names begin.
    const cut: string[] = [];
    for (const el of diagram.querySelectorAll<HTMLElement>('.react-flow__node')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.bottom <= pane.top || r.top >= pane.bottom) continue;
      const atLeft = r.left < pane.left + 4 && r.right > pane.left;
      const atRight = r.left < pane.right && r.right > pane.right + 0.5;
      if (atLeft || atRight) cut.push(`step “${el.dataset.id}”`);
    }
    return { outside, counted, cut };
  });
}

/** Waits for the view to stand still (it glides to a scrubbed event). */
async function still(page: Page) {
  let last = '';
  for (let i = 0; i < 20; i++) {
    const now = await page
      .locator('[data-testid="audit-diagram"] .react-flow__viewport')
      .evaluate((el) => getComputedStyle(el).transform);
    if (now === last) return;
    last = now;
    await page.waitForTimeout(150);
  }
}

function problems(where: string, s: Awaited<ReturnType<typeof shown>>): string[] {
  const out: string[] = [];
  if (s.counted !== s.outside.length)
    out.push(`${where}: ${s.outside.length} steps are off screen, the notes count ${s.counted}`);
  for (const c of s.cut) out.push(`${where}: the ${c} is cut by the pane's edge`);
  return out;
}

describe('the audit replay of every bundled workflow', () => {
  for (const [width, height] of [
    [1366, 768],
    [1920, 1080],
  ] as const) {
    it(`at ${width}×${height}: every step shown or counted, none cut at a side edge`, async () => {
      expect(finished.length).toBeGreaterThanOrEqual(8);
      let browser: Browser | undefined;
      try {
        browser = await openBrowser({ width, height });
        const page = browser.page;
        await signIn(page, server.url, 'auditor', PASSWORD);
        const found: string[] = [];
        let pressed = false;
        for (const { workflow, id } of finished) {
          await page.goto(`${server.url}/audit/instances/${encodeURIComponent(id)}`);
          await page.getByTestId('audit-timeline').waitFor();
          await page.locator('[data-testid="audit-diagram"] .react-flow__node').first().waitFor();
          await still(page);
          const last = await shown(page);
          found.push(...problems(`${workflow}, last event`, last));
          if (workflow === 'password-reset') await screenshot(page, `audit-replay-every-${width}`);
          // The note at an edge brings the steps beyond it into view.
          const note = page.locator('[data-testid^="more-steps-"]').first();
          if (!pressed && (await note.count()) > 0) {
            pressed = true;
            await note.click();
            await still(page);
            const moved = await shown(page);
            expect(moved.outside).not.toEqual(last.outside);
            found.push(...problems(`${workflow}, after the note`, moved));
          }
          await page.getByRole('button', { name: 'First event' }).click();
          await still(page);
          found.push(...problems(`${workflow}, first event`, await shown(page)));
        }
        expect(found).toEqual([]);
        expect(pressed).toBe(true);
      } finally {
        await browser?.close();
      }
    });
  }
});
