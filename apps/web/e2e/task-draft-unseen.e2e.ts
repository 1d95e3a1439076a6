import type { Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { openBrowser, signIn } from './support/browser.ts';
import { heldLabResult } from './support/held-task.ts';
import { verifyNormalLabResult } from './support/pool-task.ts';
import { addColleague, PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * Keisha typed half of a result's check and a note, then put it back in the pool, where Jamie takes it.
 * Jamie's browser cannot read that draft (the network to it drops), so Jamie fills the form in alone and finishes: the
 * finish is not taken over answers Jamie never saw. The panel says whose answers they are, fills them
 * in with Jamie's own kept over them, and Jamie finishes again — Keisha's note goes with it.
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

const NOTE = 'Lab is calling back about this sample: do not release before they do.';
type Notes = { notes: Array<{ body: string }> };

describe('finishing a task whose previous holder’s answers could not be read', () => {
  it('is stopped, shows those answers and whose they are, and finishes with them the second time', async () => {
    const { assistant, taskId, path } = await heldLabResult(server.url, {
      patient: 'DEMO-5521',
      test: 'Lipase',
    });
    const saved = await assistant('PUT', `${path}/draft`, {
      baseRevision: 0,
      values: { flag: 'critical' },
      note: NOTE,
      forNextRole: true,
    });
    expect(saved.status).toBe(200);
    expect((await assistant('POST', `${path}/release`, {})).status).toBe(200);
    const instanceId = taskId.slice(0, taskId.lastIndexOf(':'));

    const b = await openBrowser({ width: 1366, height: 900 });
    try {
      const { page } = b;
      await signIn(page, server.url, 'medical-assistant-2', PASSWORD);
      const drop = (route: Route) =>
        route.request().method() === 'GET' ? route.abort('internetdisconnected') : route.continue();
      await page.route('**/api/tasks/*/draft', drop);
      await page.getByTestId('work-folder-pool-medical-assistant').click();
      await page.getByTestId(`task-row-${taskId}`).click();
      await page.locator(`[data-testid="task-panel"][data-task-id="${taskId}"]`).waitFor();
      await page.getByTestId('claim-button').click();
      await expect
        .poll(() => page.getByTestId('draft-status').textContent(), { timeout: 15_000 })
        .toMatch(/could not be loaded/i);
      const form = page.getByTestId('task-form');
      await verifyNormalLabResult(page);

      // Not finished: said, with whose answers, and Keisha's note is in the box now.
      const said = page.getByTestId('draft-unseen');
      await said.waitFor({ timeout: 15_000 });
      expect(await said.textContent()).toMatch(
        /Keisha Brown typed answers on this task before it came to you/,
      );
      expect(await page.getByTestId('task-note').inputValue()).toBe(NOTE);
      // Jamie's own answers stay over Keisha's.
      expect(await form.getByTestId('form-field-flag').inputValue()).toBe('Normal');
      const jamieApi = await apiSession(server.url, 'medical-assistant-2', PASSWORD);
      const still = await jamieApi<{ task: { status: string } }>('GET', path);
      expect(still.body.task.status).toBe('open');

      // Checked: finished the second time, with the note.
      await page.getByTestId('outcome-button-verified').click();
      await expect
        .poll(async () => (await jamieApi<{ task: { status: string } }>('GET', path)).body.task.status, {
          timeout: 15_000,
        })
        .toBe('closed');
      const notes = await jamieApi<Notes>('GET', `/instances/${encodeURIComponent(instanceId)}/notes`);
      expect(notes.body.notes.map((n) => n.body)).toContain(NOTE);
    } finally {
      await b.close();
    }
  });
});
