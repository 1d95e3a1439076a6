import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * The access log says why a sign-in was refused (a wrong password, too many failed attempts, a
 * disabled account), so an admin tells someone guessing from a locked-out colleague or a disabled
 * account; and a removed webhook reads as that, not as "Changed accounts".
 */

let server: TestServer;
const login = (username: string, password: string) =>
  fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });

beforeAll(async () => {
  server = await startTestServer();
  for (let i = 0; i < 6; i++) await login('front-desk', `not the password ${i}`);
  const admin = await apiSession(server.url, 'admin', PASSWORD);
  const { body } = await admin<{ users: Array<{ id: string; username: string }> }>('GET', '/users');
  const biller = body.users.find((u) => u.username === 'billing-specialist')!;
  expect((await admin('PATCH', `/users/${biller.id}`, { disabled: true })).status).toBe(200);
  expect((await login('billing-specialist', PASSWORD)).status).toBe(403);
  const made = await admin<{ subscription: { id: string } }>('POST', '/webhooks', {
    url: 'https://ehr.example.org/hooks/portalflow',
    events: ['*'],
  });
  expect((await admin('DELETE', `/webhooks/${made.body.subscription.id}`)).status).toBe(200);
});
afterAll(async () => {
  await server?.stop();
});

describe('the access log in words: refused sign-ins and removed webhooks', () => {
  it('says why each sign-in was refused', async () => {
    const b = await openBrowser({ width: 1366, height: 900 });
    try {
      await signIn(b.page, server.url, 'auditor', PASSWORD);
      await b.page.goto(`${server.url}/audit/access-log`);
      const what = b.page.getByTestId('access-log-what');
      await expect.poll(async () => (await what.allTextContents()).length).toBeGreaterThan(0);
      const lines = await what.allTextContents();
      expect(lines).not.toContain('Refused: signed in');
      expect(lines.filter((l) => l === 'Sign-in refused: wrong password').length).toBeGreaterThanOrEqual(5);
      expect(lines).toContain('Sign-in refused: too many failed attempts, paused');
      expect(lines).toContain('Sign-in refused: account disabled');
      expect(lines).toContain('Removed a webhook');
      expect(lines).not.toContain('Changed accounts');
    } finally {
      await b.close();
    }
  });
});
