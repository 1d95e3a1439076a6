import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { openBrowser, signIn } from './support/browser.ts';
import { byTestId, focused, tabTo } from './support/keyboard.ts';
import { look } from './support/look.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';
import { taskPanelReady } from './support/task-panel.ts';

/**
 * My work and New request with the keyboard only (Tab, Enter, Escape): after starting a request or
 * completing a task the focus lands where the work goes on, never on the page itself (the next Tab
 * then started again at "Skip to main content", some 18 presses back).
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

/** A one-step workflow for the medical assistant. */
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

/** The medical assistant signed in, the task opened from their list by keyboard (Tab to it, Enter). */
async function openByKeyboard(page: Page, task: string) {
  await signIn(page, server.url, 'medical-assistant', PASSWORD);
  await page.getByTestId('my-work').waitFor();
  await tabTo(page, byTestId(`task-row-${task}`));
  await page.keyboard.press('Enter');
  await taskPanelReady(page, task);
}

describe('keyboard only: where the focus goes', () => {
  it('after Start request, the focus is on the "Request started" notice, Withdraw the next Tab', async () => {
    const b = await openBrowser({ width: 1366, height: 900 });
    try {
      const { page } = b;
      await signIn(page, server.url, 'front-desk', PASSWORD);
      await page.getByTestId('my-work').waitFor();
      await tabTo(page, byTestId('new-request'));
      await page.keyboard.press('Enter');
      await page.getByTestId('new-request-form').waitFor();
      // The workflow box has the focus: a word of its name and Enter picks it, the first field next.
      await page.keyboard.type('refill');
      await page.keyboard.press('Enter');
      await expect.poll(async () => (await focused(page)).tag).toBe('input');
      await page.keyboard.type('DEMO-7701');
      await page.keyboard.press('Tab');
      await page.keyboard.type('metformin');
      await page.keyboard.press('Enter');
      await page.getByTestId('new-request-form').waitFor({ state: 'detached' });

      const notice = page.getByTestId('request-started');
      await notice.waitFor();
      await expect.poll(async () => (await focused(page)).testId).toBe('request-started');
      // Read out when it takes the focus: the notice says what was started.
      expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('status');
      const name = await page.evaluate(() => {
        const e = document.activeElement;
        const by = e?.getAttribute('aria-labelledby');
        return by ? document.getElementById(by)?.textContent : e?.getAttribute('aria-label');
      });
      expect(name).toContain('Request started');
      expect(name).toContain('DEMO-7701');
      await look(page, 'kb-started-focus');

      await page.keyboard.press('Tab');
      expect(await focused(page)).toMatchObject({ testId: 'withdraw-request', text: 'Withdraw' });

      // Dismissed from the keyboard, the notice gives the focus back to New request.
      await page.keyboard.press('Tab');
      expect((await focused(page)).tag).toBe('button');
      await page.keyboard.press('Enter');
      await notice.waitFor({ state: 'detached' });
      await expect.poll(async () => (await focused(page)).testId).toBe('new-request');
    } finally {
      await b.close();
    }
  });

  it('closing New request with Escape gives the focus back to New request', async () => {
    const b = await openBrowser({ width: 1366, height: 900 });
    try {
      const { page } = b;
      await signIn(page, server.url, 'front-desk', PASSWORD);
      await page.getByTestId('my-work').waitFor();
      await tabTo(page, byTestId('new-request'));
      await page.keyboard.press('Enter');
      await page.getByTestId('new-request-form').waitFor();
      // The first Escape closes the workflow box's list (open on focus), the next one the dialog.
      await page.keyboard.press('Escape');
      if (await page.getByTestId('new-request-form').isVisible()) await page.keyboard.press('Escape');
      await page.getByTestId('new-request-form').waitFor({ state: 'detached' });
      await expect.poll(async () => (await focused(page)).testId).toBe('new-request');
    } finally {
      await b.close();
    }
  });

  it('after completing a task, the focus is on the next task; after the last, on the list', async () => {
    const first = await checkHeldByAssistant();
    const second = await checkHeldByAssistant();
    const b = await openBrowser({ width: 1366, height: 900 });
    try {
      const { page } = b;
      await openByKeyboard(page, first);
      await tabTo(page, byTestId('outcome-button-checked'));
      await page.keyboard.press('Enter');

      // The next task opens in the panel, its heading focused (read out with its request).
      await page.locator(`[data-testid="task-panel"][data-task-id="${second}"]`).waitFor();
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('task-panel-title');
      // The toast says what was completed, politely (after the next task is read out).
      const toast = page.locator('.mantine-Notification-root', { hasText: 'Completed' }).first();
      await toast.waitFor();
      expect(await toast.getAttribute('role')).toBe('status');

      await taskPanelReady(page, second);
      await tabTo(page, byTestId('outcome-button-checked'));
      await page.keyboard.press('Enter');
      await page.getByTestId('task-panel-empty').waitFor();
      // Nothing left: the focus is on the list, the next Tab on what it offers (the pool).
      await expect.poll(async () => (await focused(page)).testId).toBe('task-list');
      // What the empty list offers comes with the pools' counts, read again after the completion: Tab
      // once it is there (pressed before, it once found nothing yet to go to).
      await page.getByTestId('work-empty').getByRole('button').waitFor();
      expect((await focused(page)).testId).toBe('task-list');
      await page.keyboard.press('Tab');
      expect(await focused(page)).toMatchObject({ testId: 'work-empty', tag: 'button' });
    } finally {
      await b.close();
    }
  });

  it('closing Request status gives the focus back to Request status, after a look-up too', async () => {
    const b = await openBrowser({ width: 1366, height: 768 });
    try {
      const { page } = b;
      await signIn(page, server.url, 'front-desk', PASSWORD);
      await page.getByTestId('my-work').waitFor();
      await tabTo(page, byTestId('request-status'));
      await page.keyboard.press('Enter');
      await page.getByTestId('request-status-form').waitFor();
      await page.keyboard.press('Escape');
      await page.getByTestId('request-status-form').waitFor({ state: 'detached' });
      await expect.poll(async () => (await focused(page)).testId).toBe('request-status');

      // Looked up, then closed with its Close button.
      await page.keyboard.press('Enter');
      await page.getByTestId('request-status-form').waitFor();
      await page.keyboard.type('DEMO-7709');
      await page.keyboard.press('Enter');
      await page.getByRole('dialog').getByRole('alert').waitFor();
      await tabTo(page, (f) => f.tag === 'button' && f.text === '', 6, 'Shift+Tab');
      await page.keyboard.press('Enter');
      await page.getByTestId('request-status-form').waitFor({ state: 'detached' });
      await expect.poll(async () => (await focused(page)).testId).toBe('request-status');
    } finally {
      await b.close();
    }
  });

  it("after Back to pool, the focus is on the task's Claim button, where Back to pool was", async () => {
    const task = await checkHeldByAssistant();
    const b = await openBrowser({ width: 1366, height: 768 });
    try {
      const { page } = b;
      await openByKeyboard(page, task);
      await tabTo(page, byTestId('release-button'));
      await page.keyboard.press('Enter');
      await page.getByTestId('claim-button').waitFor();
      await expect.poll(async () => (await focused(page)).testId).toBe('claim-button');
      // Pressed by mistake: Enter takes it back.
      await page.keyboard.press('Enter');
      await page.getByTestId('release-button').waitFor();
    } finally {
      await b.close();
    }
  });

  it('after Save note now, the focus is back in the emptied note box', async () => {
    const task = await checkHeldByAssistant();
    const b = await openBrowser({ width: 1366, height: 768 });
    try {
      const { page } = b;
      await openByKeyboard(page, task);
      await tabTo(page, byTestId('task-note'));
      await page.keyboard.type('Left a voicemail; calling back after lunch.');
      await tabTo(page, byTestId('task-note-save'));
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByTestId('task-note').inputValue()).toBe('');
      await expect.poll(async () => (await focused(page)).testId).toBe('task-note');
    } finally {
      await b.close();
    }
  });

  it('a focused row taken from the list elsewhere hands the focus to the row that took its place', async () => {
    for (let i = 0; i < 3; i++) {
      const started = await lead('POST', '/instances', { definitionId: 'keyboard-check', data: {} });
      expect(started.status).toBe(201);
    }
    const elsewhere = await apiSession(server.url, 'medical-assistant', PASSWORD);
    const b = await openBrowser({ width: 1366, height: 768 });
    try {
      const { page } = b;
      await signIn(page, server.url, 'medical-assistant', PASSWORD);
      await page.getByTestId('my-work').waitFor();
      await tabTo(page, (f) => f.testId?.startsWith('work-folder-pool-') === true);
      await page.keyboard.press('Enter');
      const rows = page.locator('[data-task-row]');
      await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(3);
      const ids = await rows.evaluateAll((es) => es.map((e) => e.getAttribute('data-task-row')!));
      await tabTo(page, byTestId(`task-row-${ids[1]}`));

      // Claimed in another window (or by a colleague): the row leaves this pool.
      const taken = await elsewhere('POST', `/tasks/${encodeURIComponent(ids[1]!)}/claim`, {});
      expect(taken.status).toBe(200);
      await page.locator(`[data-task-row="${ids[1]}"]`).waitFor({ state: 'detached' });
      await expect.poll(async () => (await focused(page)).testId).toBe(`task-row-${ids[2]}`);

      // The last row gone: the one before it.
      const left = await rows.evaluateAll((es) => es.map((e) => e.getAttribute('data-task-row')!));
      const last = left[left.length - 1]!;
      await tabTo(page, byTestId(`task-row-${last}`));
      expect((await elsewhere('POST', `/tasks/${encodeURIComponent(last)}/claim`, {})).status).toBe(200);
      await page.locator(`[data-task-row="${last}"]`).waitFor({ state: 'detached' });
      await expect.poll(async () => (await focused(page)).testId).toBe(`task-row-${left[left.length - 2]}`);
    } finally {
      await b.close();
    }
  });
});
