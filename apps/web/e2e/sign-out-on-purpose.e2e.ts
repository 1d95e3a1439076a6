import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, screenshot, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * Pressing Sign out is not a session ended under someone: the sign-in page that follows says nothing
 * of "signed out on another screen", and still names the clinic.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('signing out on purpose', () => {
  for (const user of ['front-desk', 'triage-nurse', 'billing-specialist']) {
    it(`${user}: the sign-in page that follows is the ordinary one`, async () => {
      const b = await openBrowser({ width: 1366, height: 900 });
      try {
        const { page } = b;
        await signIn(page, server.url, user, PASSWORD);
        await page.getByRole('button', { name: 'Sign out', exact: true }).click();
        await page.getByRole('button', { name: 'Sign in' }).waitFor();
        await expect
          .poll(() => page.getByTestId('sign-in-clinic').textContent())
          .not.toContain('your clinic');
        // Anything still in flight when the button was pressed has answered by now.
        await page.waitForTimeout(1500);
        expect(await page.getByTestId('session-ended').count()).toBe(0);
        if (user === 'front-desk') await screenshot(page, 'sign-in-after-sign-out');
      } finally {
        await b.close();
      }
    });
  }
});
