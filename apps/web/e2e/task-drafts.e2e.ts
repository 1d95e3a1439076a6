import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, signIn } from './support/browser.ts';
import { heldLabResult } from './support/held-task.ts';
import { addColleague, PASSWORD, startTestServer, type TestServer } from './support/server.ts';
import { taskPanelReady } from './support/task-panel.ts';

/**
 * A medical assistant fills in half a result's form and a note, then reloads the page (or the laptop
 * closes): the answers are back, each marked as restored, and the panel says when the draft was saved.
 * Handed to a colleague, the task takes them along: the colleague, in another browser, finds them
 * filled in, marked as typed by the one before. Kept on the server only: never in the browser's
 * storage, never in the address.
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
const NOTE = 'Lab says the sample was haemolysed; waiting for the repeat.';

async function openTask(page: Page, taskId: string) {
  await page.getByTestId(`task-row-${taskId}`).click();
  // Its draft read: until then the form shows without the answers kept (and its outcomes greyed).
  await taskPanelReady(page, taskId);
  await page.getByTestId('task-form').waitFor();
}

/** Everything the page keeps in the browser's own storage, as text. */
const storedInBrowser = (page: Page) =>
  page.evaluate(
    () => JSON.stringify({ ...window.localStorage }) + JSON.stringify({ ...window.sessionStorage }),
  );

describe('answers typed on a task', () => {
  it('are back after a reload, and go to the colleague the task is handed to', async () => {
    const { taskId } = await heldLabResult(server.url, { patient: 'DEMO-5311', test: 'Potassium' });

    const a = await openBrowser(WIDE);
    try {
      const page = a.page;
      await signIn(page, server.url, 'medical-assistant', PASSWORD);
      await openTask(page, taskId);
      const form = page.getByTestId('task-form');
      await form.getByTestId('form-field-flag').click();
      await page.getByRole('option', { name: 'Abnormal' }).click();
      await form.getByLabel('No', { exact: true }).check();
      await page.getByTestId('task-note').fill(NOTE);
      // Saved about a second after typing stops, and said so.
      await expect
        .poll(() => page.getByTestId('draft-status').textContent(), { timeout: 15_000 })
        .toMatch(/^Draft saved \d{1,2}:\d{2}( AM| PM)?$/);

      await page.reload();
      await openTask(page, taskId);
      const again = page.getByTestId('task-form');
      expect(await again.getByTestId('form-field-flag').inputValue()).toBe('Abnormal');
      expect(await again.getByLabel('No', { exact: true }).isChecked()).toBe(true);
      expect(await page.getByTestId('task-note').inputValue()).toBe(NOTE);
      expect(await page.getByTestId('draft-restored-flag').textContent()).toBe('Restored from your draft');
      expect(await page.getByTestId('draft-restored-holdRequested').isVisible()).toBe(true);
      expect(await page.getByTestId('draft-status').textContent()).toMatch(
        /^Your draft from .+ is filled in below\.$/,
      );
      expect(page.url()).not.toMatch(/abnormal|haemolysed/i);
      expect(await storedInBrowser(page)).not.toMatch(/abnormal|haemolysed/i);

      // Changing an answer saves again; the mark goes from the changed field only.
      await again.getByTestId('form-field-resultKind').click();
      await page.getByRole('option', { name: 'Lab' }).click();
      await expect
        .poll(() => page.getByTestId('draft-status').textContent(), { timeout: 15_000 })
        .toMatch(/^Draft saved/);

      // Handed to Jamie, with a note for her.
      await page.getByTestId('hand-off-button').click();
      const dialog = page.getByTestId('hand-off-dialog');
      await dialog.getByTestId('hand-off-colleague').click();
      await page.getByRole('option', { name: /Jamie Ortiz/ }).click();
      await dialog.getByTestId('hand-off-note').fill('Please finish this one, I am off at 5.');
      await dialog.getByTestId('hand-off-confirm').click();
      await page.getByTestId('task-assignee').filter({ hasText: 'Jamie Ortiz' }).waitFor({ timeout: 15_000 });
    } finally {
      await a.close();
    }

    const b = await openBrowser(WIDE);
    try {
      const page = b.page;
      await signIn(page, server.url, 'medical-assistant-2', PASSWORD);
      await openTask(page, taskId);
      const form = page.getByTestId('task-form');
      expect(await form.getByTestId('form-field-flag').inputValue()).toBe('Abnormal');
      expect(await form.getByTestId('form-field-resultKind').inputValue()).toBe('Lab');
      expect(await form.getByLabel('No', { exact: true }).isChecked()).toBe(true);
      expect(await page.getByTestId('draft-restored-flag').textContent()).toBe('Typed by Keisha Brown');
      expect(await page.getByTestId('draft-status').textContent()).toContain(
        'Keisha Brown typed these answers before the task came to you',
      );
      // The note Keisha had typed went with the hand-off as her note: it is not in the box a second time.
      expect(await page.getByTestId('task-note').inputValue()).toBe('');
      expect(await storedInBrowser(page)).not.toMatch(/abnormal|haemolysed/i);
    } finally {
      await b.close();
    }
  }, 180_000);

  it('in two tabs of the same person: the older tab takes in the newer draft, says so, and keeps its own typing', async () => {
    const { assistant, taskId, path } = await heldLabResult(server.url, {
      patient: 'DEMO-5312',
      test: 'CBC',
    });
    const a = await openBrowser(WIDE);
    try {
      const one = a.page;
      await signIn(one, server.url, 'medical-assistant', PASSWORD);
      const two = await a.context.newPage();
      await two.goto(one.url());
      await openTask(one, taskId);
      await openTask(two, taskId);

      // The first tab saves its answer…
      await one.getByTestId('task-form').getByTestId('form-field-flag').click();
      await one.getByRole('option', { name: 'Abnormal' }).click();
      await expect
        .poll(() => one.getByTestId('draft-status').textContent(), { timeout: 15_000 })
        .toMatch(/^Draft saved/);
      // …then the second, opened before it, types a note over the revision it read.
      await two.getByTestId('task-note').fill(NOTE);

      await two.getByTestId('draft-newer').waitFor({ timeout: 15_000 });
      expect(await two.getByTestId('task-form').getByTestId('form-field-flag').inputValue()).toBe('Abnormal');
      expect(await two.getByTestId('task-note').inputValue()).toBe(NOTE);
      // Both kept together on the server: nothing lost unseen.
      await expect
        .poll(
          async () =>
            (
              await assistant<{ draft: { values: Record<string, unknown>; note: string } | null }>(
                'GET',
                `${path}/draft`,
              )
            ).body.draft,
          { timeout: 15_000 },
        )
        .toMatchObject({ values: { flag: 'abnormal' }, note: NOTE });
    } finally {
      await a.close();
    }
  }, 120_000);
});
