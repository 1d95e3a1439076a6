import type { Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, signIn } from './support/browser.ts';
import { heldLabResult, moveDeadline } from './support/held-task.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';
import { testNow } from './support/time-shift.ts';

/**
 * A deadline escalates a task away while its holder is filling in its form: what they had chosen was
 * saved as the task's draft and goes with the task (the panel says so, and who finds it); it is also
 * shown on the panel, read-only, by field label in words, to copy — and nothing of it is sent to the
 * server after the move or put in the address.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

const WIDE = { width: 1366, height: 900 };
const NOTE = 'Asked the lab to confirm the range';

describe('form answers typed before an escalation', () => {
  it('went with the task as its draft, say so, and are shown to copy; nothing is sent after the move', async () => {
    const { assistant, taskId, path } = await heldLabResult(server.url, {
      patient: 'DEMO-5103',
      test: 'Lipid panel',
    });

    const a = await openBrowser(WIDE);
    try {
      const page = a.page;
      await signIn(page, server.url, 'medical-assistant', PASSWORD);
      await page.getByTestId(`task-row-${taskId}`).click();
      await page.locator(`[data-testid="task-panel"][data-task-id="${taskId}"]`).waitFor();
      const form = page.getByTestId('task-form');
      await form.getByTestId('form-field-flag').click();
      await page.getByRole('option', { name: 'Abnormal' }).click();
      await form.getByLabel('No', { exact: true }).check();
      await page.getByTestId('task-note').fill(NOTE);
      // Kept as the task's draft on the server, with the task (its next holder finds them there).
      await expect
        .poll(
          async () => {
            const draft = (
              await assistant<{ draft: { values: Record<string, unknown>; note: string } | null }>(
                'GET',
                `${path}/draft`,
              )
            ).body.draft;
            return draft && { values: draft.values, note: draft.note };
          },
          { timeout: 15_000 },
        )
        .toEqual({ values: { flag: 'abnormal', holdRequested: false }, note: NOTE });

      // Every write the page makes from now on: none may carry the answers once the task has moved.
      const sent: Request[] = [];
      page.on('request', (r) => {
        if (r.method() !== 'GET') sent.push(r);
      });

      // The deadline, moved a few seconds ahead by a lead, passes while the form is being filled in.
      await moveDeadline(server.url, path, testNow() + 4_000, 'Due now');

      const said = page.getByTestId('task-unavailable');
      await said.waitFor({ timeout: 30_000 });
      await expect.poll(() => said.textContent(), { timeout: 30_000 }).toContain('This task was escalated');
      const kept = page.getByTestId('answers-kept');
      await kept.waitFor();
      // Saved as the task's draft before the move, they went with it: the words say so, and who finds them.
      const said2 = (await kept.textContent()) ?? '';
      expect(said2).toContain('Your answers went with the task');
      expect(said2).toMatch(/whoever takes it next finds them filled in, marked as typed by you/);
      expect(said2).not.toMatch(/not saved|can no longer be sent/);
      expect(await kept.getByRole('textbox', { name: 'Your answers, kept with the task' }).inputValue()).toBe(
        "Flag: Abnormal\nPatient's own provider asked to review before release: No",
      );
      expect(await kept.getByRole('button', { name: 'Copy the answers' }).isVisible()).toBe(true);
      // The note went with the draft too.
      const keptNote = page.getByTestId('note-kept');
      expect(await keptNote.textContent()).toContain('Your note went with the task');
      expect(
        await keptNote.getByRole('textbox', { name: 'Your note, kept with the task' }).inputValue(),
      ).toBe(NOTE);
      // Read-only: there is nothing left to send them with.
      expect(await kept.getByRole('textbox').getAttribute('readonly')).not.toBeNull();
      expect(await page.getByTestId('task-form').count()).toBe(0);

      expect(page.url()).not.toMatch(/abnormal|provider/i);
      for (const r of sent) expect(`${r.url()} ${r.postData() ?? ''}`).not.toMatch(/abnormal|holdRequested/i);
    } finally {
      await a.close();
    }
  }, 180_000);

  it('that never reached the server are said to be not saved', async () => {
    const { taskId, path } = await heldLabResult(server.url, { patient: 'DEMO-5104', test: 'Lipid panel' });
    const a = await openBrowser(WIDE);
    try {
      const page = a.page;
      await signIn(page, server.url, 'medical-assistant', PASSWORD);
      await page.getByTestId(`task-row-${taskId}`).click();
      await page.getByTestId('task-form').waitFor();
      // The draft's saves do not get through (the network to them drops).
      await page.route('**/api/tasks/*/draft', (route) =>
        route.request().method() === 'PUT' ? route.abort('internetdisconnected') : route.continue(),
      );
      await page.getByTestId('task-form').getByLabel('No', { exact: true }).check();
      await page.getByTestId('task-note').fill(NOTE);
      await expect
        .poll(() => page.getByTestId('draft-status').textContent(), { timeout: 15_000 })
        .toMatch(/^Draft not saved/);

      await moveDeadline(server.url, path, testNow() + 4_000, 'Due now');
      const kept = page.getByTestId('answers-kept');
      await kept.waitFor({ timeout: 60_000 });
      expect(await kept.textContent()).toContain('Your last answers were not saved');
      expect(
        await kept.getByRole('textbox', { name: 'Your answers, the last ones not saved' }).inputValue(),
      ).toBe("Patient's own provider asked to review before release: No");
      const keptNote = page.getByTestId('note-kept');
      expect(await keptNote.textContent()).toContain('Your note was not saved');
      expect(await keptNote.getByRole('textbox', { name: 'Your note, not saved' }).inputValue()).toBe(NOTE);
    } finally {
      await a.close();
    }
  }, 180_000);
});
