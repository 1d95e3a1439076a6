import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, signIn } from './support/browser.ts';
import { heldLabResult } from './support/held-task.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * The draft of a task cannot be read or saved for a while (the network drops, the server fails): the
 * panel says so in words, the form stays usable, what is typed stays on the screen (never in the
 * browser's storage) and is saved once the server answers again — and the draft read late never
 * throws away what was typed meanwhile.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

const WIDE = { width: 1366, height: 900 };
const DRAFT = '**/api/tasks/*/draft';

const storedInBrowser = (page: Page) =>
  page.evaluate(
    () => JSON.stringify({ ...window.localStorage }) + JSON.stringify({ ...window.sessionStorage }),
  );

describe("a task's draft while the server cannot be reached", () => {
  it('is said in words, keeps what is typed, and is saved with it once the server answers', async () => {
    const { assistant, taskId, path } = await heldLabResult(server.url, {
      patient: 'DEMO-5422',
      test: 'Ferritin',
    });
    // Answered earlier on another computer: kept on the server.
    const earlier = await assistant('PUT', `${path}/draft`, {
      baseRevision: 0,
      values: { flag: 'normal' },
      note: 'From the other computer',
    });
    expect(earlier.status).toBe(200);

    const a = await openBrowser(WIDE);
    try {
      const page = a.page;
      await signIn(page, server.url, 'medical-assistant', PASSWORD);
      // The network to the draft drops before the task is opened.
      const drop = (route: Route) => route.abort('internetdisconnected');
      await page.route(DRAFT, drop);
      await page.getByTestId(`task-row-${taskId}`).click();
      await page.locator(`[data-testid="task-panel"][data-task-id="${taskId}"]`).waitFor();
      const status = page.getByTestId('draft-status');
      await expect
        .poll(() => status.textContent(), { timeout: 15_000 })
        .toMatch(/^Your draft could not be loaded: the server could not be reached\..*trying again/i);
      // The form stays usable: typed now, kept on the screen.
      const form = page.getByTestId('task-form');
      await form.getByLabel('No', { exact: true }).check();
      await page.getByTestId('task-note').fill('Typed while offline');
      await page.waitForTimeout(1_500);
      expect(await storedInBrowser(page)).not.toMatch(/offline/i);

      // The network comes back: the draft is read and what was typed stays over it, then all is saved.
      await page.unroute(DRAFT, drop);
      await expect
        .poll(() => status.textContent(), { timeout: 20_000 })
        .toMatch(/^Draft saved \d{1,2}:\d{2}( AM| PM)?$/);
      expect(await page.getByTestId('task-note').inputValue()).toBe('Typed while offline');
      expect(await form.getByLabel('No', { exact: true }).isChecked()).toBe(true);
      expect(await form.getByTestId('form-field-flag').inputValue()).toBe('Normal');
      const kept = await assistant<{ draft: { values: Record<string, unknown>; note: string } }>(
        'GET',
        `${path}/draft`,
      );
      expect(kept.body.draft.values).toEqual({ flag: 'normal', holdRequested: false });
      expect(kept.body.draft.note).toBe('Typed while offline');

      // The server fails a save: said with its code, kept on the screen, tried again until it saves.
      const fail = (route: Route) =>
        route.request().method() === 'PUT'
          ? route.fulfill({
              status: 500,
              contentType: 'application/json',
              body: JSON.stringify({ error: { code: 'INTERNAL', message: 'Something went wrong' } }),
            })
          : route.continue();
      await page.route(DRAFT, fail);
      await page.getByTestId('task-note').fill('Typed while the server fails');
      await expect
        .poll(() => status.textContent(), { timeout: 15_000 })
        .toMatch(/^Draft not saved: the server had a problem \(INTERNAL\)\..*trying again/i);
      await page.unroute(DRAFT, fail);
      await expect
        .poll(() => status.textContent(), { timeout: 20_000 })
        .toMatch(/^Draft saved \d{1,2}:\d{2}( AM| PM)?$/);
      const after = await assistant<{ draft: { note: string } }>('GET', `${path}/draft`);
      expect(after.body.draft.note).toBe('Typed while the server fails');
      expect(await storedInBrowser(page)).not.toMatch(/offline|server fails/i);
    } finally {
      await a.close();
    }
  }, 180_000);
});
