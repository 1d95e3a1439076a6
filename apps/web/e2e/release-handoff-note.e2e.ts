import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { openBrowser, signIn } from './support/browser.ts';
import { look } from './support/look.ts';
import { addColleague, PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * Handing a task back at closing time with a note: the note typed in "Note on this request" goes with
 * Release, and the colleague who takes the task next reads it at the top of the task.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await addColleague(server, 'medical-assistant', {
    username: 'medical-assistant-2',
    displayName: 'Jamie Ortiz',
  });
});
afterAll(async () => {
  await server?.stop();
});

const WIDE = { width: 1366, height: 900 };
const NOTE =
  'Lab called at 4:45: corrected report coming by fax tomorrow morning. Do not verify the first one.';
const taskOpen = (page: Page, id: string) =>
  page.locator(`[data-testid="task-panel"][data-task-id="${id}"]`).waitFor();

describe('releasing a task with a handoff note typed', () => {
  it('saves the note with the release; the colleague who takes it next reads it first', async () => {
    const keisha = await apiSession(server.url, 'medical-assistant', PASSWORD);
    const started = await keisha<{ instance: { id: string; active: { taskId: string }[] } }>(
      'POST',
      '/requests',
      {
        definitionId: 'lab-result-release',
        data: { patient: 'DEMO-5204', test: 'CBC' },
      },
    );
    expect(started.status).toBe(201);
    const taskId = started.body.instance.active[0]!.taskId;
    expect((await keisha('POST', `/tasks/${encodeURIComponent(taskId)}/claim`, {})).status).toBe(200);

    const a = await openBrowser(WIDE);
    try {
      await signIn(a.page, server.url, 'medical-assistant', PASSWORD);
      await a.page.getByTestId(`task-row-${taskId}`).click();
      await taskOpen(a.page, taskId);
      await a.page.getByTestId('task-note').fill(NOTE);
      await expect.poll(() => a.page.getByTestId('task-note-for-next').isChecked()).toBe(true);
      await expect
        .poll(() => a.page.getByTestId('task-note-when').textContent())
        .toContain('with Back to pool');
      await look(a.page, 'release-note-typed');
      await a.page.getByTestId('release-button').click();
      await a.page.getByText('Your note goes with it to whoever takes it next.').waitFor();
      await look(a.page, 'release-note-released');
    } finally {
      await a.close();
    }

    const b = await openBrowser(WIDE);
    try {
      await signIn(b.page, server.url, 'medical-assistant-2', PASSWORD);
      await b.page.getByTestId('work-folder-pool-medical-assistant').click();
      await b.page.getByTestId(`task-row-${taskId}`).click();
      await taskOpen(b.page, taskId);
      await b.page.getByTestId('claim-button').click();
      await b.page.getByTestId('release-button').waitFor();
      await b.page.getByTestId('notes-for-next-role').waitFor();
      const forYou = await b.page.getByTestId('note-for-you').allTextContents();
      expect(forYou).toEqual([expect.stringContaining(NOTE)]);
      // The box is empty for the new holder.
      expect(await b.page.getByTestId('task-note').inputValue()).toBe('');
      await b.page.getByTestId('notes-for-next-role').scrollIntoViewIfNeeded();
      await look(b.page, 'release-note-next-holder');
    } finally {
      await b.close();
    }
  }, 120_000);
});
