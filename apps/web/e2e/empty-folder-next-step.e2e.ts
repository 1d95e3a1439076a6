import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * A provider checks what is overdue first thing: nothing is. The empty folder's one button leads to
 * work to take, not to My tasks when nothing is assigned to them yet (an empty list that then offered
 * the pool: two presses to reach the three results waiting).
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('an empty folder', () => {
  it('Nothing overdue, nothing assigned: its button opens the pool with the tasks waiting', async () => {
    const b = await openBrowser({ width: 1280, height: 800 });
    try {
      const { page } = b;
      await signIn(page, server.url, 'provider', PASSWORD);
      // The demo's provider holds nothing yet; their pool has the day's results and refills.
      await expect.poll(() => page.getByTestId('work-folder-mine').textContent()).toMatch(/My tasks\D*0\D/);
      await page.getByTestId('work-folder-overdue').click();
      const empty = page.getByTestId('work-empty');
      await empty.getByText('Nothing overdue').waitFor();
      const next = empty.getByRole('button');
      expect(await next.textContent()).toMatch(/Provider .* pool/);
      await next.click();
      await expect
        .poll(() => page.getByTestId('task-list').locator('[data-task-row]').count())
        .toBeGreaterThan(0);
      expect(await page.locator('#task-list-heading').textContent()).toMatch(/pool/);
    } finally {
      await b.close();
    }
  });
});
