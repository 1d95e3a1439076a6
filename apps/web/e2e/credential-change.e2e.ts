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
 * Holds the browser's answers to `paths` as they arrive, before the browser reads them (their cookies
 * included), until `release` names the path — a slow link, made exact. Chromium's own interception.
 */
async function holdAnswers(page: Page, paths: string[]) {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const held = new Map<string, string[]>(paths.map((path) => [path, []]));
  const waiting = new Map<string, () => void>();
  cdp.on('Fetch.requestPaused', (event: { requestId: string; request: { url: string } }) => {
    const path = new URL(event.request.url).pathname;
    held.get(path)?.push(event.requestId);
    waiting.get(path)?.();
  });
  await cdp.send('Fetch.enable', {
    patterns: paths.map((path) => ({ urlPattern: `*${path}`, requestStage: 'Response' as const })),
  });
  return {
    /** The server has answered a request to `path`; the browser has not read the answer. */
    arrived: (path: string) =>
      (held.get(path)?.length ?? 0) > 0
        ? Promise.resolve()
        : new Promise<void>((resolve) => waiting.set(path, resolve)),
    async release(path: string) {
      for (const requestId of held.get(path)?.splice(0) ?? [])
        await cdp.send('Fetch.continueResponse', { requestId });
    },
    stop: () => cdp.send('Fetch.disable'),
  };
}

/** What the page shows, for a failure's message: where it is and its headings. */
const whereIs = (page: Page) =>
  page.evaluate(() =>
    [
      location.pathname,
      ...[...document.querySelectorAll('h1, h2, [role="alert"]')].map((e) => e.textContent),
    ].join(' | '),
  );

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
      const answer = await holdAnswers(page, ['/api/me/password']);
      const form = page.getByTestId('change-password');
      await form.getByTestId('current-password').fill(PASSWORD);
      await form.getByTestId('new-password').fill(NEW_PASSWORD);
      await form.getByTestId('repeat-password').fill(NEW_PASSWORD);
      await form.getByTestId('change-password-submit').click();
      await answer.arrived('/api/me/password');
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

      // The new session opens a live stream of its own.
      const streamAgain = page.waitForResponse(
        (r) => new URL(r.url()).pathname === '/api/events' && r.status() === 200,
        { timeout: 15_000 },
      );
      await answer.release('/api/me/password');
      await answer.stop();
      await page
        .getByText('Password changed')
        .waitFor({ timeout: 15_000 })
        .catch(async (error) => {
          throw new Error(`No "Password changed": the page shows ${await whereIs(page)}`, { cause: error });
        });
      await page.getByTestId('own-account-page').waitFor();
      expect(await page.getByRole('button', { name: 'Sign out', exact: true }).count()).toBe(1);
      await streamAgain;
      // Still signed in after a reload too (the new session), with no "your session ended" notice.
      await page.reload();
      await page.getByTestId('own-account-page').waitFor();
      expect(await signInButton.count()).toBe(0);
    } finally {
      await close();
    }
  });

  it('stays signed in when a request sent with the old cookie is answered after the change', async () => {
    const { page, close } = await openBrowser({ width: 1366, height: 900 });
    try {
      await signIn(page, server.url, 'front-desk', PASSWORD);
      await page.getByTestId('header-account').click();
      await page.getByTestId('own-account-page').waitFor();
      await page.getByTestId('own-sessions').waitFor();
      // The password's answer, and this page's list of sessions: asked again when the live stream
      // ends, with the old cookie, and so answered "signed out" (401).
      const answer = await holdAnswers(page, ['/api/me/password', '/api/me/sessions']);
      const form = page.getByTestId('change-password');
      await form.getByTestId('current-password').fill(PASSWORD);
      await form.getByTestId('new-password').fill(NEW_PASSWORD);
      await form.getByTestId('repeat-password').fill(NEW_PASSWORD);
      await form.getByTestId('change-password-submit').click();
      await answer.arrived('/api/me/password');
      await Promise.race([
        answer.arrived('/api/me/sessions'),
        new Promise((_, reject) =>
          setTimeout(
            () => reject(new Error('the sessions list was not asked again with the old cookie')),
            10_000,
          ),
        ),
      ]);
      // The change's answer first (the new cookie), then the old cookie's late "signed out".
      await answer.release('/api/me/password');
      await page.getByText('Password changed').waitFor({ timeout: 15_000 });
      await answer.release('/api/me/sessions');
      await answer.stop();
      const signInButton = page.getByRole('button', { name: 'Sign in', exact: true });
      const droppedToSignIn = await signInButton
        .waitFor({ timeout: 3_000 })
        .then(() => true)
        .catch(() => false);
      expect(droppedToSignIn, await whereIs(page)).toBe(false);
      expect(await page.getByRole('button', { name: 'Sign out', exact: true }).count()).toBe(1);
    } finally {
      await close();
    }
  });
});
