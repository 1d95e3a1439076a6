import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser } from './support/browser.ts';
import { frontDeskHandOff } from './support/pool-task.ts';
import { startTestServer, type TestServer } from './support/server.ts';

/**
 * The only receptionist on shift tries to hand a task on. Nobody else holds the role, and the dialog
 * says so with what to do instead, and nothing more: no empty colleague list to open and no note to
 * write for nobody, above a Hand it over that stays greyed out without saying why.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('handing a task to a colleague when nobody else holds the role', () => {
  it('says so and offers only to close, with the task kept', async () => {
    const b = await openBrowser({ width: 1280, height: 800 });
    try {
      const { page } = b;
      // The demo has one front desk receptionist.
      const dialog = await frontDeskHandOff(page, server.url);
      await dialog.getByTestId('hand-off-nobody').waitFor();
      expect(await dialog.getByTestId('hand-off-colleague').count()).toBe(0);
      expect(await dialog.getByTestId('hand-off-note').count()).toBe(0);
      expect(await dialog.getByTestId('hand-off-confirm').count()).toBe(0);
      const buttons = dialog.locator('.mantine-Stack-root').getByRole('button');
      expect(await buttons.allTextContents()).toEqual(['Close']);
      await buttons.first().click();
      await dialog.waitFor({ state: 'detached' });
      expect(await page.getByTestId('task-assignee').textContent()).toBe('Assigned to you');
    } finally {
      await b.close();
    }
  });
});
