import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { openBrowser } from './support/browser.ts';
import { frontDeskHandOff } from './support/pool-task.ts';
import { addColleague, PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * Handing a task to a colleague whose account was disabled while the dialog was open (they left at
 * noon): the refusal says so under Colleague, which takes the focus and is emptied, the list is read
 * again without them, the note typed stays, and the task stays with the person handing it on. A list
 * still open when the account is disabled hears of it and drops them before anyone chooses them.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await addColleague(server, 'front-desk', { username: 'desk-two', displayName: 'Rosa Diaz' });
  await addColleague(server, 'front-desk', { username: 'desk-three', displayName: 'Sam Ortiz' });
  await addColleague(server, 'front-desk', { username: 'desk-four', displayName: 'Lee Park' });
});
afterAll(async () => {
  await server?.stop();
});

describe('handing a task to a colleague the server refuses', () => {
  it('says why under Colleague, focuses it, and keeps the note and the task', async () => {
    const admin = await apiSession(server.url, 'admin', PASSWORD);
    const b = await openBrowser({ width: 1280, height: 800 });
    try {
      const { page } = b;
      const dialog = await frontDeskHandOff(page, server.url);
      await dialog.getByTestId('hand-off-colleague').click();
      await page.getByRole('option', { name: 'Sam Ortiz' }).click();
      const note = 'Called twice, no answer; try after 3 pm.';
      await dialog.getByTestId('hand-off-note').fill(note);

      // Sam's account is disabled meanwhile.
      const users = await admin<{ users: Array<{ id: string; username: string }> }>('GET', '/users');
      const sam = users.body.users.find((u) => u.username === 'desk-three')!;
      expect((await admin('PATCH', `/users/${sam.id}`, { disabled: true })).status).toBe(200);

      await dialog.getByTestId('hand-off-confirm').click();
      const colleague = dialog.getByTestId('hand-off-colleague');
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
        .toBe('hand-off-colleague');
      expect(await colleague.getAttribute('aria-invalid')).toBe('true');
      expect(await dialog.textContent()).toContain('Choose an active colleague who holds the task’s role');
      expect(await dialog.getByTestId('hand-off-error').count()).toBe(0);
      expect(await colleague.inputValue()).toBe('');
      expect(await dialog.getByTestId('hand-off-note').inputValue()).toBe(note);
      // The list, read again, offers Rosa and no longer Sam.
      await colleague.click();
      await page.getByRole('option', { name: 'Rosa Diaz' }).waitFor();
      expect(await page.getByRole('option', { name: 'Sam Ortiz' }).count()).toBe(0);
      await page.getByRole('option', { name: 'Rosa Diaz' }).click();
      expect(await colleague.getAttribute('aria-invalid')).not.toBe('true');
      await dialog.getByTestId('hand-off-confirm').click();
      await page.getByText('Handed to Rosa Diaz').first().waitFor();
    } finally {
      await b.close();
    }
  });

  it('an open list of colleagues drops one disabled meanwhile, heard live', async () => {
    const admin = await apiSession(server.url, 'admin', PASSWORD);
    const users = await admin<{ users: Array<{ id: string; username: string }> }>('GET', '/users');
    // Lee holds no task: disabling Lee moves nothing, so only the word about Lee's account can tell.
    const lee = users.body.users.find((u) => u.username === 'desk-four')!;
    const b = await openBrowser({ width: 1280, height: 800 });
    try {
      const { page } = b;
      const dialog = await frontDeskHandOff(page, server.url);
      const colleague = dialog.getByTestId('hand-off-colleague');
      await colleague.click();
      await page.getByRole('option', { name: 'Lee Park' }).waitFor();
      // The claim's own live word has come and gone (it re-reads the task and this list).
      await page.waitForTimeout(1500);

      // Lee's account is disabled while the list is open: it drops Lee, before anyone chooses them.
      expect((await admin('PATCH', `/users/${lee.id}`, { disabled: true })).status).toBe(200);
      await page.getByRole('option', { name: 'Lee Park' }).waitFor({ state: 'detached', timeout: 10_000 });
      expect(await page.getByRole('option', { name: 'Rosa Diaz' }).count()).toBe(1);
    } finally {
      await b.close();
    }
  });
});
