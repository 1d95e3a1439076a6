import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, signIn } from './support/browser.ts';
import { openPoolTask } from './support/pool-task.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * The line above a task's request names the workflow as the clinic knows it ("Password reset and
 * account lockout"), not with the number of the version it was published as: a receptionist has no
 * use for "version 1", and a change that matters to their role is said by the "what changed for you"
 * card beside the task, in words.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('the task panel', () => {
  it("names the request's workflow without a version number", async () => {
    const b = await openBrowser({ width: 1280, height: 800 });
    try {
      const { page } = b;
      await signIn(page, server.url, 'front-desk', PASSWORD);
      await openPoolTask(page, 'front-desk', 'Sign-in help');
      await page.getByTestId('task-panel-request').waitFor();
      const panel = (await page.getByTestId('task-panel').textContent()) ?? '';
      expect(panel).toContain('Password reset and account lockout');
      expect(panel).not.toMatch(/version \d/i);
    } finally {
      await b.close();
    }
  });
});
