import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { seriousViolations } from './support/axe.ts';
import { openBrowser, screenshot, signIn } from './support/browser.ts';
import { addColleague, PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * My work keeps its place in the address: the folder and the open task (its opaque id only), so a
 * reload reopens the same task and Back and Forward step through what the person opened without
 * leaving the app. A task that went away meanwhile says so where it was.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  // A colleague in the same pool, who finishes a task while it is open here.
  await addColleague(server, 'medical-assistant', {
    username: 'medical-assistant-2',
    displayName: 'Second MA',
  });
});
afterAll(async () => {
  await server?.stop();
});

const WIDE = { width: 1440, height: 900 };
const POOL = 'pool:medical-assistant';

/** A portal message in the medical assistants' pool; answers its first task's id. */
async function portalMessage(patient: string, subject: string): Promise<string> {
  const api = await apiSession(server.url, 'medical-assistant', PASSWORD);
  const started = await api<{ instance: { active: { taskId: string }[] } }>('POST', '/requests', {
    definitionId: 'portal-message-triage',
    data: { patient, subject, message: 'Please call me back.' },
  });
  expect(started.status).toBe(201);
  return started.body.instance.active[0]!.taskId;
}

const address = (page: Page) => new URL(page.url());
/** The task panel has loaded this task (the app loads again after a reload: no short poll). */
const taskOpen = (page: Page, id: string) =>
  page.locator(`[data-testid="task-panel"][data-task-id="${id}"]`).waitFor();
const folderOpen = (page: Page, folder: string) =>
  page.locator(`[data-testid="work-folder-${folder}"][aria-current="page"]`).waitFor();

describe('My work in the address', () => {
  it('a reload reopens the open task; Back and Forward step through folders and tasks and stay in the app', async () => {
    const taskId = await portalMessage('DEMO-5811', 'Address check');
    const b = await openBrowser(WIDE);
    try {
      const { page } = b;
      await signIn(page, server.url, 'medical-assistant', PASSWORD);
      await page.getByTestId('my-work').waitFor();
      await folderOpen(page, 'mine');

      await page.getByTestId('work-folder-pool-medical-assistant').click();
      await page.getByTestId(`task-row-${taskId}`).click();
      await taskOpen(page, taskId);
      // The task's opaque id and the folder's name: nothing of the patient or the request.
      await expect.poll(() => address(page).searchParams.get('task')).toBe(taskId);
      expect([...address(page).searchParams.keys()].sort()).toEqual(['folder', 'task']);
      expect(address(page).searchParams.get('folder')).toBe(POOL);
      expect(page.url()).not.toMatch(/DEMO|Address/);

      await page.reload();
      await taskOpen(page, taskId);
      await folderOpen(page, 'pool-medical-assistant');

      // Back: the pool before the task was opened, then My tasks where the day started — still My work.
      await page.goBack();
      await page.getByTestId('task-panel-empty').waitFor();
      await folderOpen(page, 'pool-medical-assistant');
      await page.goBack();
      await folderOpen(page, 'mine');
      expect(address(page).pathname).toBe('/work');
      await page.getByTestId('my-work').waitFor();
      // Forward: the pool, then the task again.
      await page.goForward();
      await folderOpen(page, 'pool-medical-assistant');
      await page.goForward();
      await taskOpen(page, taskId);

      // One task after another: Back returns to the one before.
      const ids = await page
        .getByTestId('task-list')
        .locator('[data-task-row]')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-task-row')!));
      const otherId = ids.find((id) => id !== taskId)!;
      expect(otherId).toBeTruthy();
      const other = page.getByTestId(`task-row-${otherId}`);
      await other.click();
      await taskOpen(page, otherId);
      await page.goBack();
      await taskOpen(page, taskId);
      expect(address(page).pathname).toBe('/work');
    } finally {
      await b.close();
    }
  });

  it('opening another folder shows a task of that folder or none: the pool’s next task does not follow into Done', async () => {
    const finished = await portalMessage('DEMO-5813', 'Finish then Done');
    // Another one waiting, to open next.
    await portalMessage('DEMO-5814', 'Next in the pool');
    const b = await openBrowser(WIDE);
    try {
      const { page } = b;
      await signIn(page, server.url, 'medical-assistant', PASSWORD);
      await page.getByTestId('work-folder-pool-medical-assistant').click();
      await page.getByTestId(`task-row-${finished}`).click();
      await taskOpen(page, finished);
      await page.getByTestId('claim-button').click();
      const form = page.getByTestId('task-form');
      await form.getByTestId('form-field-topic').click();
      await page.getByRole('listbox').last().getByRole('option').first().click();
      await form.getByTestId('form-field-redFlags').getByText('No', { exact: true }).click();
      await page.getByTestId('outcome-button-sorted').click();
      // Done: the pool's next task opens in its place.
      await expect.poll(() => address(page).searchParams.get('task')).not.toBe(finished);
      const opened = address(page).searchParams.get('task');
      expect(opened).toBeTruthy();
      await taskOpen(page, opened!);

      await page.getByTestId('work-folder-done').click();
      await folderOpen(page, 'done');
      await page.getByTestId(`task-row-${finished}`).waitFor();
      // Nothing from the pool (no Claim button) beside the Done list; the address says the same.
      await page.getByTestId('task-panel-empty').waitFor();
      expect(await page.getByTestId('claim-button').count()).toBe(0);
      expect(address(page).searchParams.get('folder')).toBe('done');
      expect(address(page).searchParams.get('task')).toBeNull();

      // A Done task opened there stays open when Done is picked again.
      await page.getByTestId(`task-row-${finished}`).click();
      await taskOpen(page, finished);
      await page.getByTestId('work-folder-done').click();
      await taskOpen(page, finished);
      expect(address(page).searchParams.get('task')).toBe(finished);

      // Back to the pool: the task open there before Done, with its folder.
      await page.goBack();
      await page.goBack();
      await folderOpen(page, 'pool-medical-assistant');
      await taskOpen(page, opened!);
    } finally {
      await b.close();
    }
  });

  it('a task just claimed stays open in My tasks while that list is still being read again', async () => {
    const taskId = await portalMessage('DEMO-5813', 'Claimed then My tasks');
    const b = await openBrowser(WIDE);
    try {
      const { page } = b;
      await signIn(page, server.url, 'medical-assistant', PASSWORD);
      await page.getByTestId('work-folder-pool-medical-assistant').click();
      await page.getByTestId(`task-row-${taskId}`).click();
      await taskOpen(page, taskId);
      // A slow link: My tasks' list answers late, after the claim and the folder change.
      const held: Array<() => Promise<void>> = [];
      let holding = true;
      await page.route(
        (url) => url.pathname === '/api/tasks' && url.searchParams.get('scope') === 'mine',
        (route) => (holding ? void held.push(() => route.continue()) : route.continue()),
      );
      await page.getByTestId('claim-button').click();
      await page.getByText('is now in My tasks.').first().waitFor();
      await page.getByTestId('work-folder-mine').click();
      // My tasks is the first folder: the address names no folder for it.
      await expect.poll(() => address(page).searchParams.get('folder')).toBe(null);
      await expect.poll(() => page.locator('#task-list-heading').textContent()).toBe('My tasks');
      expect(address(page).searchParams.get('task')).toBe(taskId);
      await taskOpen(page, taskId);
      holding = false;
      for (const go of held.splice(0)) await go();
      await page.getByTestId(`task-row-${taskId}`).waitFor();
      expect(address(page).searchParams.get('task')).toBe(taskId);
    } finally {
      await b.close();
    }
  });

  it('a task a colleague finished meanwhile says so in its place, not an empty pane', async () => {
    const taskId = await portalMessage('DEMO-5812', 'Finished elsewhere');
    const b = await openBrowser(WIDE);
    try {
      const { page } = b;
      await signIn(page, server.url, 'medical-assistant', PASSWORD);
      await page.getByTestId('work-folder-pool-medical-assistant').click();
      await page.getByTestId(`task-row-${taskId}`).click();
      await taskOpen(page, taskId);
      const kept = page.url();

      const colleague = await apiSession(server.url, 'medical-assistant-2', PASSWORD);
      const path = `/tasks/${encodeURIComponent(taskId)}`;
      expect((await colleague('POST', `${path}/claim`, {})).status).toBe(200);
      expect(
        (
          await colleague('POST', `${path}/complete`, {
            outcome: 'sorted',
            data: { topic: 'other', redFlags: false },
          })
        ).status,
      ).toBe(200);

      // Opened again from the address (a reload, a link kept): the task, with what became of it.
      await page.goto(kept);
      await taskOpen(page, taskId);
      const note = page.getByTestId('task-closed-note');
      await note.waitFor();
      expect(await note.textContent()).toContain('Completed elsewhere');
      expect(await note.textContent()).toMatch(
        /Completed by .* at .* with “Sorted”\. It has left your list\./,
      );
      expect(await page.getByTestId('task-panel-empty').count()).toBe(0);
      expect(address(page).searchParams.get('task')).toBe(taskId);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'my-work-completed-elsewhere');
    } finally {
      await b.close();
    }
  });
});
