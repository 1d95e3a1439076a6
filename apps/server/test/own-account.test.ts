import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, makeApp, PASSWORD, type TestApp } from './support/app.ts';
import { type Listener, listen } from './support/listen.ts';

/**
 * A person's own password and sessions, over a real listener: the current password proves it, the
 * old password, every other session and every API token end with it, guesses share the sign-in
 * budget, and of changes sent at once exactly one wins.
 */

let t: TestApp;
let listener: Listener;
let serial = 0;

beforeAll(async () => {
  t = await makeApp();
  listener = await listen(t.app);
});
afterAll(async () => {
  await listener?.close();
  await t?.close();
});

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies of every route
type Sent = { status: number; body: any; headers: Headers };

async function send(as: AuthHeaders, method: string, path: string, body?: unknown): Promise<Sent> {
  const headers: Record<string, string> = { ...as };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${listener.base}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}

/** A new front-desk account (the shared password) and a signed-in session of it. */
async function person() {
  const username = `desk-${++serial}`;
  await t.addUser(username, ['front-desk']);
  return { username, session: await t.login(username) };
}

const signIn = (username: string, password: string) =>
  fetch(`${listener.base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  }).then((r) => r.status);

/** The session cookie and CSRF token a password change answered with. */
function newSession(sent: Sent): AuthHeaders {
  const cookie = sent.headers
    .getSetCookie()
    .find((c) => c.startsWith('pf_session='))!
    .split(';')[0]!;
  return { cookie, 'x-csrf-token': sent.body.csrfToken };
}

const NEW = 'purple lantern under winter bridge';

describe('changing your own password', () => {
  it('needs the current password, a strong new one, and a different one; says which field is wrong', async () => {
    const { session } = await person();
    const wrong = await send(session, 'POST', '/api/me/password', {
      currentPassword: 'not it at all',
      newPassword: NEW,
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toMatchObject({
      code: 'CURRENT_PASSWORD_WRONG',
      details: { fields: [{ field: 'currentPassword' }] },
    });
    const weak = await send(session, 'POST', '/api/me/password', {
      currentPassword: PASSWORD,
      newPassword: 'password1',
    });
    expect(weak.body.error.code).toBe('PASSWORD_TOO_WEAK');
    const same = await send(session, 'POST', '/api/me/password', {
      currentPassword: PASSWORD,
      newPassword: PASSWORD,
    });
    expect(same.body.error).toMatchObject({
      code: 'PASSWORD_UNCHANGED',
      details: { fields: [{ field: 'newPassword' }] },
    });
    const extra = await send(session, 'POST', '/api/me/password', {
      currentPassword: PASSWORD,
      newPassword: NEW,
      username: 'admin',
    });
    expect(extra.body.error.code).toBe('VALIDATION_FAILED');
    // Nothing changed: the session still works and the old password still signs in.
    expect((await send(session, 'GET', '/api/me')).status).toBe(200);
  });

  it('ends the old password, every other session and every API token; this browser stays signed in', async () => {
    const { username, session } = await person();
    const laptop = await t.login(username);
    const user = t.user(username);
    const { secret } = await t.store.createApiToken({
      userId: user.id,
      name: 'scanner',
      expiresAt: '2999-01-01T00:00:00.000Z',
    });
    const token = { authorization: `Bearer ${secret}` };
    expect((await send(token, 'GET', '/api/me')).status).toBe(200);

    const changed = await send(session, 'POST', '/api/me/password', {
      currentPassword: PASSWORD,
      newPassword: NEW,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ ok: true, endedSessions: 1, revokedTokens: 1 });
    const here = newSession(changed);
    expect((await send(here, 'GET', '/api/me')).status).toBe(200);
    expect((await send(session, 'GET', '/api/me')).status).toBe(401);
    expect((await send(laptop, 'GET', '/api/me')).status).toBe(401);
    expect((await send(token, 'GET', '/api/me')).status).toBe(401);
    expect(await signIn(username, PASSWORD)).toBe(401);
    expect(await signIn(username, NEW)).toBe(200);
    const trail = await t.store.listAccountChanges({ userId: user.id });
    expect(trail[0]).toMatchObject({
      what: 'password',
      actorId: user.id,
      newValue: '"changed by its owner"',
    });
    const logged = (await t.store.listAccess({ limit: 500 })).items.filter(
      (a) => a.userId === user.id && (a.detail ?? '').startsWith('password changed by its owner'),
    );
    expect(logged).toHaveLength(1);
  });

  it('eight changes sent at once with the right password: exactly one wins, and only its password signs in', async () => {
    const { username, session } = await person();
    const choices = Array.from({ length: 8 }, (_, i) => `${NEW} number ${i} ${'!'.repeat(i + 1)}`);
    const results = await Promise.all(
      choices.map((newPassword) =>
        send(session, 'POST', '/api/me/password', { currentPassword: PASSWORD, newPassword }),
      ),
    );
    const won = results.flatMap((r, i) => (r.status === 200 ? [i] : []));
    expect(won).toHaveLength(1);
    for (const r of results.filter((r) => r.status !== 200))
      expect(['PASSWORD_CHANGED_MEANWHILE', 'TOO_MANY_ATTEMPTS', 'UNAUTHENTICATED']).toContain(
        r.body.error.code,
      );
    const statuses = await Promise.all(choices.map((p) => signIn(username, p)));
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses[won[0]!]).toBe(200);
  });

  it('twenty wrong guesses sent at once get no more checks than the sign-in budget allows', async () => {
    const { username, session } = await person();
    const guesses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        send(session, 'POST', '/api/me/password', { currentPassword: `guess ${i}`, newPassword: NEW }),
      ),
    );
    const checked = guesses.filter((g) => g.status === 400).length;
    expect(checked).toBeLessThanOrEqual(t.deps.config.loginFreeFailures);
    const throttled = guesses.filter((g) => g.status === 429);
    expect(throttled.length).toBe(20 - checked);
    expect(Number(throttled[0]!.headers.get('retry-after'))).toBeGreaterThan(0);
    // The same budget as signing in: the right password is refused for now from here too.
    const right = await send(session, 'POST', '/api/me/password', {
      currentPassword: PASSWORD,
      newPassword: NEW,
    });
    expect(right.status).toBe(429);
    expect(await signIn(username, PASSWORD)).toBe(429);
  });

  it('an API token cannot change its owner’s password or sessions', async () => {
    const { username } = await person();
    const { secret } = await t.store.createApiToken({
      userId: t.user(username).id,
      name: 'ci',
      expiresAt: '2999-01-01T00:00:00.000Z',
    });
    const token = { authorization: `Bearer ${secret}` };
    for (const [method, path, body] of [
      ['POST', '/api/me/password', { currentPassword: PASSWORD, newPassword: NEW }],
      ['GET', '/api/me/sessions', undefined],
      ['DELETE', '/api/me/sessions', undefined],
    ] as const) {
      const r = await send(token, method, path, body);
      expect(r.status, path).toBe(403);
      expect(r.body.error.code).toBe('SESSION_REQUIRED');
    }
    expect(await signIn(username, PASSWORD)).toBe(200);
  });
});

describe('your own sessions', () => {
  it('lists them with this one marked; ends one, then every other; never another person’s', async () => {
    const { username, session } = await person();
    const phone = await t.login(username);
    const tablet = await t.login(username);
    const other = await person();
    const listed = await send(session, 'GET', '/api/me/sessions');
    expect(listed.status).toBe(200);
    expect(listed.body.sessions).toHaveLength(3);
    expect(listed.body.sessions.filter((s: { current: boolean }) => s.current)).toHaveLength(1);

    const theirs = (await send(other.session, 'GET', '/api/me/sessions')).body.sessions[0].id;
    const notMine = await send(session, 'DELETE', `/api/me/sessions/${encodeURIComponent(theirs)}`);
    expect(notMine.status).toBe(404);
    expect((await send(other.session, 'GET', '/api/me')).status).toBe(200);

    const phoneId = (await send(phone, 'GET', '/api/me/sessions')).body.sessions.find(
      (s: { current: boolean }) => s.current,
    ).id;
    expect((await send(session, 'DELETE', `/api/me/sessions/${encodeURIComponent(phoneId)}`)).status).toBe(
      200,
    );
    expect((await send(phone, 'GET', '/api/me')).status).toBe(401);
    expect((await send(session, 'DELETE', `/api/me/sessions/${encodeURIComponent(phoneId)}`)).status).toBe(
      404,
    );

    const rest = await send(session, 'DELETE', '/api/me/sessions');
    expect(rest.body).toEqual({ ended: 1 });
    expect((await send(tablet, 'GET', '/api/me')).status).toBe(401);
    expect((await send(session, 'GET', '/api/me')).status).toBe(200);
    expect((await send(session, 'GET', '/api/me/sessions')).body.sessions).toHaveLength(1);
  });

  it('ends every other session at once, however many, with one line in the account’s trail', async () => {
    const { username, session } = await person();
    const user = (await t.store.findUserByUsername(username))!;
    // More than any one list of sessions shows: a script left signing in would leave this many.
    const left = await Promise.all(
      Array.from({ length: 240 }, () => t.store.createSession({ userId: user.id, ttlMs: 3600_000 })),
    );
    const ended = await send(session, 'DELETE', '/api/me/sessions');
    expect(ended.body).toEqual({ ended: 240 });
    for (const s of left) expect(await t.store.getSession(s.secret)).toBeNull();
    expect((await send(session, 'GET', '/api/me')).status).toBe(200);
    const trail = (await t.store.listAccountChanges({ userId: user.id })).filter(
      (c) => c.what === 'sessions',
    );
    expect(trail).toEqual([expect.objectContaining({ actorId: user.id, newValue: '"all others ended"' })]);
  });
});
