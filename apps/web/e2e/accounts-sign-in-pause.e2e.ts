import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe.ts';
import { openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * The receptionist phones: "it says too many failed sign-ins". The admin opens her account, sees that
 * sign-in is paused after failed attempts and until when, lets her in now, and the account's history
 * keeps who did it.
 */

let server: TestServer;
const login = (password: string) =>
  fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'front-desk', password }),
  });

beforeAll(async () => {
  server = await startTestServer();
  for (let i = 0; i < 5; i++) expect((await login(`a colleague's typo ${i}`)).status).toBe(401);
  const held = await login(PASSWORD);
  expect(held.status).toBe(429);
  expect(((await held.json()) as { error: { message: string } }).error.message).toContain(
    'ask an admin to let you sign in now',
  );
});
afterAll(async () => {
  await server?.stop();
});

describe('an admin lets a person held back after failed sign-ins in', () => {
  it('shows the pause and until when, lifts it, and the history says who did', async () => {
    const b = await openBrowser();
    try {
      const { page } = b;
      await signIn(page, server.url, 'admin', PASSWORD);
      await page.getByRole('link', { name: 'Accounts' }).click();
      const row = page.locator('[data-username="front-desk"]');
      await row.getByRole('button', { name: /Manage/ }).click();
      const panel = page.getByTestId('person-panel');
      const pause = panel.getByTestId('sign-in-pause');
      await pause.waitFor();
      expect(await pause.textContent()).toMatch(
        /^Sign-in paused after 5 failed attempts, until \d{1,2}:\d{2} [AP]M\./,
      );
      expect(await seriousViolations(page)).toEqual([]);

      await pause.getByRole('button', { name: 'Let them sign in now' }).click();
      await page.getByText('Dana Whitfield can sign in now').waitFor();
      await pause.waitFor({ state: 'detached' });
      const trail = panel.getByTestId('account-changes');
      await trail.getByText('Sign-in pause lifted').waitFor();
      expect(await trail.textContent()).toContain('5 failed attempts');

      expect((await login(PASSWORD)).status).toBe(200);
    } finally {
      await b.close();
    }
  });
});
