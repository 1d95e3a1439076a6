import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp, PASSWORD, type TestApp } from './support/app.ts';
import { type Listener, listen, postJson } from './support/listen.ts';

/**
 * A receptionist is held back after wrong passwords typed at the front desk and phones the admin:
 * the admin sees the pause and until when, lets her in now, and the account's history keeps who did.
 * The person held back is told for how long, not "a few minutes".
 */

let t: TestApp;
let server: Listener;

beforeAll(async () => {
  t = await makeApp({ publish: false });
  server = await listen(t.app);
});
afterAll(async () => {
  await server?.close();
  await t?.close();
});

const login = (username: string, password: string) =>
  postJson(`${server.base}/api/auth/login`, { username, password });

async function asAdmin(method: 'GET' | 'DELETE', path: string, username = 'admin') {
  const headers = await t.login(username);
  const res = await fetch(`${server.base}${path}`, { method, headers });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

describe("an admin lifts a locked-out person's sign-in pause", { timeout: 60_000 }, () => {
  it('shows the pause, lifts it, records who did, and the person signs in', async () => {
    const desk = t.user('front-desk');
    const free = t.deps.config.loginFreeFailures;
    for (let i = 0; i < free; i++)
      expect((await login('front-desk', `wrong password ${i}`)).status).toBe(401);

    const held = await login('front-desk', PASSWORD);
    expect(held.status).toBe(429);
    expect(held.body.error.code).toBe('TOO_MANY_ATTEMPTS');
    // How long, in words, and who can help.
    expect(held.body.error.message).toMatch(/try again in 1 minute\b/);
    expect(held.body.error.message).toContain('an admin');

    const path = `/api/users/${desk.id}/sign-in-pause`;
    const seen = await asAdmin('GET', path);
    expect(seen.status).toBe(200);
    expect(seen.body.failedAttempts).toBe(free);
    expect(Date.parse(seen.body.pausedUntil)).toBeGreaterThan(Date.parse(t.clock.now()));

    // Only an admin sees or lifts it.
    expect((await asAdmin('GET', path, 'lead')).status).toBe(403);
    expect((await asAdmin('DELETE', path, 'lead')).status).toBe(403);
    expect((await asAdmin('GET', '/api/users/no-such-account/sign-in-pause')).status).toBe(404);

    const lifted = await asAdmin('DELETE', path);
    expect(lifted).toEqual({ status: 200, body: { lifted: true } });
    expect((await asAdmin('GET', path)).body).toEqual({ pausedUntil: null, failedAttempts: 0 });

    const changes = await t.store.listAccountChanges({ userId: desk.id });
    const entry = changes.find((c) => c.what === 'sign-in-pause');
    expect(entry?.actorId).toBe(t.user('admin').id);
    expect(entry?.newValue).toBe(JSON.stringify('lifted'));
    expect(JSON.parse(entry?.oldValue ?? 'null')).toEqual({
      failedAttempts: free,
      pausedUntil: seen.body.pausedUntil,
    });

    expect((await login('front-desk', PASSWORD)).status).toBe(200);

    // Nothing held back: nothing lifted, nothing recorded.
    expect((await asAdmin('DELETE', path)).body).toEqual({ lifted: false });
    expect((await t.store.listAccountChanges({ userId: desk.id })).length).toBe(changes.length);
  });
});
