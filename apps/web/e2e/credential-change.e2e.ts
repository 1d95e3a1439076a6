import type { CDPSession, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * Changing your own password ends the old session on the server (and its live stream) before the
 * answer brings this browser its new one. On a slow link that answer arrives late: the page must not
 * ask "am I still signed in?" with the old cookie meanwhile, see "no" and drop to the sign-in page.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

const NEW_PASSWORD = 'kingfisher above the slow river';

/**
 * Holds the browser's answers to `path` as they arrive, before the browser reads them (their cookies
 * included), until `release` — a slow link, made exact. Chromium's own request interception.
 */
async function holdAnswers(page: Page, path: string) {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const held: string[] = [];
  let arrived: () => void = () => undefined;
  const first = new Promise<void>((resolve) => {
    arrived = resolve;
  });
  cdp.on('Fetch.requestPaused', (event: { requestId: string }) => {
    held.push(event.requestId);
    arrived();
  });
  await cdp.send('Fetch.enable', { patterns: [{ urlPattern: `*${path}`, requestStage: 'Response' }] });
  return {
    /** The server has answered (and so has done the change); the browser has not read the answer. */
    arrived: () => first,
    async release() {
      for (const requestId of held.splice(0)) await cdp.send('Fetch.continueResponse', { requestId });
      await cdp.send('Fetch.disable');
    },
  };
}

describe('a credential change on a slow link', () => {
  it('keeps you signed in while the new password’s answer is on its way', async () => {
    const { page, close } = await openBrowser({ width: 1366, height: 900 });
    try {
      await signIn(page, server.url, 'scheduler', PASSWORD);
      await page.getByTestId('header-account').click();
      await page.getByTestId('own-account-page').waitFor();
      const asked: string[] = [];
      page.on('request', (r) => {
        const path = new URL(r.url()).pathname;
        if (path === '/api/session' || path === '/api/me') asked.push(path);
      });

      // The live stream the server ends with the old session.
      const streamEnded = new Promise<void>((resolve) => {
        const ended = (r: Request) => {
          if (new URL(r.url()).pathname === '/api/events') resolve();
        };
        page.on('requestfinished', ended);
        page.on('requestfailed', ended);
      });
      const answer = await holdAnswers(page, '/api/me/password');
      const form = page.getByTestId('change-password');
      await form.getByTestId('current-password').fill(PASSWORD);
      await form.getByTestId('new-password').fill(NEW_PASSWORD);
      await form.getByTestId('repeat-password').fill(NEW_PASSWORD);
      await form.getByTestId('change-password-submit').click();
      await answer.arrived();
      // The server has ended the old session and its live stream; this browser still holds the old
      // cookie. Whatever it asks now would be answered "signed out".
      await streamEnded;
      const signInButton = page.getByRole('button', { name: 'Sign in', exact: true });
      const droppedToSignIn = await signInButton
        .waitFor({ timeout: 3_000 })
        .then(() => true)
        .catch(() => false);
      expect(droppedToSignIn).toBe(false);
      expect(asked).toEqual([]);

      await answer.release();
      await page.getByText('Password changed').waitFor({ timeout: 15_000 });
      await page.getByTestId('own-account-page').waitFor();
      expect(await page.getByRole('button', { name: 'Sign out', exact: true }).count()).toBe(1);
      // Still signed in after a reload too (the new session), with no "your session ended" notice.
      await page.reload();
      await page.getByTestId('own-account-page').waitFor();
      expect(await signInButton.count()).toBe(0);
    } finally {
      await close();
    }
  });
});
