import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, signIn } from './support/browser.ts';
import { heldLabResult } from './support/held-task.ts';
import { addColleague, PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * A medical assistant half fills in a result's form and puts the task back in the pool. A colleague
 * looking at the pool sees on its row, and on the task before claiming it, that it is half done, by
 * whom and when — never the answers themselves (those only whoever claims it reads).
 */

let server: TestServer;
let keisha = '';
beforeAll(async () => {
  server = await startTestServer();
  keisha = (await server.server.store.findUserByUsername('medical-assistant'))!.displayName;
  await addColleague(server, 'medical-assistant', {
    username: 'medical-assistant-2',
    displayName: 'Jamie Ortiz',
  });
});
afterAll(async () => {
  await server?.stop();
});

const WIDE = { width: 1366, height: 900 };
const HALF_DONE = (name: string) => new RegExp(`^Half done by ${name}, \\d{1,2}:\\d{2}( AM| PM)?`);

describe('a pool task with answers typed by its previous holder', () => {
  it('says so on its row and on the task, who and when, without the answers', async () => {
    const { assistant, taskId, path } = await heldLabResult(server.url, {
      patient: 'DEMO-5533',
      test: 'Vitamin D',
    });
    const saved = await assistant('PUT', `${path}/draft`, {
      baseRevision: 0,
      values: { flag: 'abnormal' },
      note: 'Haemolysed, repeat asked',
    });
    expect(saved.status).toBe(200);
    expect((await assistant('POST', `${path}/release`, {})).status).toBe(200);

    const b = await openBrowser(WIDE);
    try {
      const page = b.page;
      await signIn(page, server.url, 'medical-assistant-2', PASSWORD);
      await page.getByTestId('work-folder-pool-medical-assistant').click();
      const row = page.getByTestId(`task-row-${taskId}`);
      await row.waitFor();
      const mark = row.getByTestId('task-row-draft');
      expect(await mark.textContent()).toMatch(HALF_DONE(keisha));
      expect(await row.textContent()).not.toMatch(/abnormal|haemolysed/i);

      await row.click();
      const panel = page.locator(`[data-testid="task-panel"][data-task-id="${taskId}"]`);
      await panel.waitFor();
      const said = panel.getByTestId('task-draft-mark');
      expect(await said.textContent()).toMatch(HALF_DONE(keisha));
      expect(await said.textContent()).toContain('whoever claims it');
      expect(await panel.textContent()).not.toMatch(/abnormal|haemolysed/i);
    } finally {
      await b.close();
    }
  }, 120_000);
});
