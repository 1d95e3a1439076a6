import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { openBrowser, signIn } from './support/browser.ts';
import { byTestId, tabTo } from './support/keyboard.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';
import { settled } from './support/settled.ts';
import { taskPanelReady } from './support/task-panel.ts';

/**
 * The task panel with the keyboard only: Tab meets its parts in the order they are on screen. With
 * the step's help shown above the form (a laptop), its "Search the staff FAQ" link came only after the
 * outcome buttons, just before the toasts.
 */

let server: TestServer;
let lead: Awaited<ReturnType<typeof apiSession>>;
beforeAll(async () => {
  server = await startTestServer();
  lead = await publishCheckWorkflow();
});
afterAll(async () => {
  await server?.stop();
});

/** A one-step workflow for the medical assistant, with help text that links to the staff FAQ. */
async function publishCheckWorkflow() {
  const lead = await apiSession(server.url, 'lead', PASSWORD);
  const definition = {
    id: 'keyboard-check',
    title: 'Chart check',
    roles: [{ id: 'medical-assistant', name: 'Medical assistant', department: 'Clinical' }],
    start: 'check',
    steps: {
      check: {
        type: 'task',
        role: 'medical-assistant',
        title: 'Check the chart',
        outcomes: { checked: 'done' },
        help: 'Open the chart and read the last visit note.\n\nScript: [chart FAQ](/faq?q=chart)',
      },
      done: { type: 'end', outcome: 'resolved' },
    },
  };
  expect((await lead('POST', '/definitions', { definition })).status).toBe(201);
  expect((await lead('POST', '/definitions/keyboard-check/publish', { revision: 1 })).status).toBe(200);
  return lead;
}

/** A chart check started and claimed by the medical assistant: in their My tasks. */
async function checkHeldByAssistant() {
  const started = await lead<{ instance: { active: { taskId: string }[] } }>('POST', '/instances', {
    definitionId: 'keyboard-check',
    data: {},
  });
  expect(started.status).toBe(201);
  const assistant = await apiSession(server.url, 'medical-assistant', PASSWORD);
  const task = started.body.instance.active[0]!.taskId;
  expect((await assistant('POST', `/tasks/${encodeURIComponent(task)}/claim`, {})).status).toBe(200);
  return task;
}

/**
 * The help's and the form's boxes read in one go once nothing moves: read one after the other while
 * the panel was still settling, they came from two different layouts (the help's bottom 8 px below
 * the form's top on a busy machine).
 */
async function boxesOnceStill(page: Page) {
  await settled(page);
  return page.evaluate(() => {
    const box = (id: string) => {
      const r = document.querySelector(`[data-testid="${id}"]`)!.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    };
    return { help: box('step-help'), form: box('task-form') };
  });
}

describe('keyboard only: the task panel in the order it is on screen', () => {
  /** What Tab meets from the list's row to the step's outcome button. */
  const tabOrder = (page: Page) => tabTo(page, byTestId('outcome-button-checked'), 60);

  it('help shown above the form (a laptop): its FAQ link comes before the outcome buttons', async () => {
    const task = await checkHeldByAssistant();
    const b = await openBrowser({ width: 1366, height: 900 });
    try {
      const { page } = b;
      await signIn(page, server.url, 'medical-assistant', PASSWORD);
      await page.getByTestId('my-work').waitFor();
      await tabTo(page, byTestId(`task-row-${task}`));
      await page.keyboard.press('Enter');
      await taskPanelReady(page, task);
      const { help, form } = await boxesOnceStill(page);
      expect(help.y + help.height).toBeLessThanOrEqual(form.y);
      const seen = await tabOrder(page);
      expect(seen).toContain('step-help-faq-link "Search the staff FAQ"');
    } finally {
      await b.close();
    }
  });

  it('help beside the form (a wide screen): the form comes first, as it is on the left', async () => {
    const task = await checkHeldByAssistant();
    const b = await openBrowser({ width: 1920, height: 1000 });
    try {
      const { page } = b;
      await signIn(page, server.url, 'medical-assistant', PASSWORD);
      await page.getByTestId('my-work').waitFor();
      await tabTo(page, byTestId(`task-row-${task}`));
      await page.keyboard.press('Enter');
      await taskPanelReady(page, task);
      const { help, form } = await boxesOnceStill(page);
      expect(help.x).toBeGreaterThanOrEqual(form.x + form.width);
      const seen = await tabOrder(page);
      expect(seen.some((s) => s.startsWith('step-help'))).toBe(false);
      await page.keyboard.press('Tab');
      await tabTo(page, byTestId('step-help'));
    } finally {
      await b.close();
    }
  });
});
