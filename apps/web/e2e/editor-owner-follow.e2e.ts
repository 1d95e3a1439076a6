import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';
import { settled } from './support/settled.ts';

/**
 * A lead gives a step to another role (the inspector's owner, or a drag into another lane): the step
 * moves to that role's lane, and the view follows it there, still chosen, rather than leaving it off
 * screen. A step still in view after the move leaves the view where it was.
 */

const WORKFLOW = 'prescription-refill';
const STEP = 'review-request';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

/** The step's box and the diagram's pane as drawn, and the view's transform. */
async function measure(page: Page, id: string) {
  return page.getByTestId('editor-canvas').evaluate((canvas, step) => {
    const pane = canvas.querySelector('.react-flow')!.getBoundingClientRect();
    const node = canvas.querySelector<HTMLElement>(`.react-flow__node[data-id="${step}"]`)!;
    const box = node.getBoundingClientRect();
    return {
      onScreen:
        box.left >= pane.left && box.top >= pane.top && box.right <= pane.right && box.bottom <= pane.bottom,
      selected: node.classList.contains('selected'),
      transform: canvas.querySelector<HTMLElement>('.react-flow__viewport')!.style.transform,
    };
  }, id);
}

async function giveTo(page: Page, role: RegExp): Promise<void> {
  await page.getByTestId('inspector-owner').click();
  await page.getByRole('option', { name: role }).first().click();
  await page.getByTestId('inspector-owner').waitFor();
  await expect.poll(() => page.getByTestId('inspector-owner').inputValue()).toMatch(role);
  // The view moves smoothly: measured once it has come to rest.
  await page.waitForTimeout(400);
  await settled(page);
}

describe('the view follows a step given to another role', () => {
  it('brings the step into view in its new lane, still chosen, and stays put when it is in view', async () => {
    const b = await openBrowser({ width: 1366, height: 768 });
    const page = b.page;
    try {
      await signIn(page, server.url, 'lead', PASSWORD);
      await page.goto(`${server.url}/workflows/${WORKFLOW}`);
      await page.getByTestId('editor-canvas').waitFor();
      await page.getByTestId(`node-${STEP}`).click();
      expect((await measure(page, STEP)).onScreen).toBe(true);

      // The bottom lane, below the fold at this size.
      await giveTo(page, /^Front office supervisor/);
      const after = await measure(page, STEP);
      expect(after.onScreen, 'the step in its new lane is on screen').toBe(true);
      expect(after.selected).toBe(true);
      expect(await page.getByRole('textbox', { name: /^Name in links and files/ }).inputValue()).toBe(STEP);

      // The lane beside it, in view: the view does not move.
      await giveTo(page, /^Medical director/);
      const beside = await measure(page, STEP);
      expect(beside.onScreen).toBe(true);
      expect(beside.selected).toBe(true);
      expect(beside.transform).toBe(after.transform);
    } finally {
      await b.close();
    }
  });

  it('brings a step dropped onto another, low in the pane, into view where it slides to, still chosen', async () => {
    const b = await openBrowser({ width: 1366, height: 768 });
    const page = b.page;
    try {
      await signIn(page, server.url, 'lead', PASSWORD);
      await page.goto(`${server.url}/workflows/${WORKFLOW}`);
      await page.getByTestId('editor-canvas').waitFor();
      const box = (await page.getByTestId(`node-${STEP}`).boundingBox())!;
      // The lowest task on screen in another role's lane: dropped on it, the step slides down below it.
      const onto = await page.getByTestId('editor-canvas').evaluate((canvas, step) => {
        const pane = canvas.querySelector('.react-flow')!.getBoundingClientRect();
        const tasks = [...canvas.querySelectorAll<HTMLElement>('.react-flow__node-task')]
          .filter((n) => n.dataset.id !== step)
          .map((n) => n.getBoundingClientRect())
          .filter(
            (r) =>
              r.top >= pane.top && r.bottom <= pane.bottom && r.left >= pane.left && r.right <= pane.right,
          );
        const low = tasks.reduce((a, r) => (r.bottom > a.bottom ? r : a));
        return { x: low.left + low.width / 2, y: low.top + low.height / 2 };
      }, STEP);
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.down();
      for (let i = 1; i <= 10; i++)
        await page.mouse.move(
          box.x + box.width / 2 + ((onto.x - box.x - box.width / 2) * i) / 10,
          box.y + box.height / 2 + ((onto.y - box.y - box.height / 2) * i) / 10,
        );
      await page.mouse.up();
      await expect
        .poll(() => page.getByTestId('inspector-owner').inputValue())
        .not.toMatch(/^Pharmacy refill/);
      await page.waitForTimeout(400);
      await settled(page);
      const after = await measure(page, STEP);
      expect(after.onScreen, 'the dropped step is wholly on screen').toBe(true);
      expect(after.selected).toBe(true);
    } finally {
      await b.close();
    }
  });
});
