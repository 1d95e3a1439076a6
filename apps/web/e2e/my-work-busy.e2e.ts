import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { openBrowser, screenshot, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * The busiest medical assistant: a long My tasks and a regular refresher due. The "What changed for
 * you" banner shows whole with its button on a laptop, and at 200% zoom (683×450) the page scrolls
 * as a whole so several tasks can be read, and the task opens without a blank band over it.
 */
const MANY = 14;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  const lead = await apiSession(server.url, 'lead', PASSWORD);
  expect(
    (await lead('POST', '/refresher-schedules', { role: 'medical-assistant', everyDays: 90 })).status,
  ).toBe(201);
  const ma = await apiSession(server.url, 'medical-assistant', PASSWORD);
  for (let i = 0; i < MANY; i++) {
    const started = await ma('POST', '/requests', {
      definitionId: 'lab-result-release',
      data: { patient: `DEMO-72${String(i).padStart(2, '0')}`, test: 'Lipid panel' },
    });
    expect(started.status).toBe(201);
  }
  const pool = await ma<{ items: Array<{ id: string; assignee: string | null }> }>(
    'GET',
    '/tasks?scope=pool',
  );
  for (const task of pool.body.items.filter((t) => !t.assignee))
    expect((await ma('POST', `/tasks/${encodeURIComponent(task.id)}/claim`)).status).toBe(200);
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

/** The banner's height against its content's, and its button's box against the banner's. */
async function bannerFits(page: Page) {
  const card = page.getByTestId('refresher-card');
  await card.waitFor();
  const { clientHeight, scrollHeight } = await card.evaluate((el) => ({
    clientHeight: el.clientHeight,
    scrollHeight: el.scrollHeight,
  }));
  expect(clientHeight).toBeGreaterThanOrEqual(scrollHeight - 1);
  const button = page.getByTestId('refresher-card-open');
  await button.scrollIntoViewIfNeeded();
  const box = (await card.boundingBox())!;
  const b = (await button.boundingBox())!;
  expect(b.y).toBeGreaterThanOrEqual(box.y);
  expect(b.y + b.height).toBeLessThanOrEqual(box.y + box.height + 0.5);
  // Nothing else lies over the button where a click lands.
  const hit = await button.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const at = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
    return at !== null && el.contains(at);
  });
  expect(hit).toBe(true);
}

/** Whether the row, scrolled to, lies whole in the window and is what a click there reaches. */
async function rowReadable(page: Page, index: number) {
  const row = page.locator('[data-testid^="task-row-"]').nth(index);
  await row.scrollIntoViewIfNeeded();
  return row.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const whole = r.top >= 0 && r.bottom <= window.innerHeight;
    const at = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
    return whole && at !== null && el.contains(at);
  });
}

describe('My work for the busiest staff', () => {
  for (const [width, height] of [
    [1366, 900],
    [1280, 800],
  ] as const) {
    it(`at ${width}×${height} the refresher banner shows whole above a long list, its button pressable`, async () => {
      const b = await openBrowser({ width, height });
      try {
        await signIn(b.page, server.url, 'medical-assistant', PASSWORD);
        await expect.poll(() => b.page.locator('[data-testid^="task-row-"]').count()).toBeGreaterThan(MANY);
        await bannerFits(b.page);
        await screenshot(b.page, `my-work-busy-${width}`);
        await b.page.getByTestId('refresher-card-open').click();
        await b.page.waitForURL(/\/refresher$/);
      } finally {
        await b.close();
      }
    });
  }

  it('at 200% zoom (683×450) the page scrolls to several tasks, and the task opens without a blank band', async () => {
    const b = await openBrowser({ width: 683, height: 450 });
    try {
      const { page } = b;
      await signIn(page, server.url, 'medical-assistant', PASSWORD);
      await expect.poll(() => page.locator('[data-testid^="task-row-"]').count()).toBeGreaterThan(MANY);
      await bannerFits(page);
      // The folder strip keeps its height: every folder's name reads whole (the strip scrolls sideways).
      const strip = await page
        .getByRole('navigation', { name: 'Work folders' })
        .evaluate((el) => ({ client: el.clientHeight, scroll: el.scrollHeight }));
      expect(strip.client).toBeGreaterThanOrEqual(strip.scroll - 1);
      await page.getByTestId('work-folder-done').scrollIntoViewIfNeeded();
      const done = (await page.getByTestId('work-folder-done').boundingBox())!;
      expect(done.x + done.width).toBeLessThanOrEqual(683);
      await screenshot(page, 'my-work-busy-200-zoom');
      for (const i of [0, 1, 2]) expect(await rowReadable(page, i)).toBe(true);
      await screenshot(page, 'my-work-busy-200-zoom-scrolled');

      await page.locator('[data-testid^="task-row-"]').first().click();
      const panel = page.getByTestId('task-panel');
      await panel.waitFor();
      const dialog = page.getByRole('dialog', { name: 'Task' });
      await dialog.waitFor();
      // Down the task, what sits at the top of the window is the task itself, not an empty band.
      await panel.getByText('Request details').scrollIntoViewIfNeeded();
      await page.mouse.wheel(0, 200);
      await page.waitForTimeout(300);
      const top = await page.evaluate(() => {
        const at = document.elementFromPoint(340, 20);
        return at?.closest('[data-testid="task-panel"]') !== null;
      });
      expect(top).toBe(true);
      await screenshot(page, 'my-work-busy-200-zoom-task');
    } finally {
      await b.close();
    }
  });
});
