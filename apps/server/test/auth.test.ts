import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, exampleStart, makeApp, PASSWORD, type TestApp } from './support/app.ts';

/** Sign-in, sessions, CSRF, API tokens, throttling, timeouts and disabled accounts. */

const TRIAGE = 'portal-message-triage';

let t: TestApp;
beforeAll(async () => {
  t = await makeApp();
});
afterAll(() => t?.close());

const login = (username: string, password: string) =>
  t.call('POST', '/api/auth/login', { body: { username, password } });
const me = (as: AuthHeaders) => t.call('GET', '/api/me', { as });
const instanceCount = async () => (await t.store.listInstances({ limit: 500 })).items.length;

describe('sign in and out', () => {
  it('signs in with a strict, HTTP-only session cookie and a CSRF token', async () => {
    const res = await login('lead', PASSWORD);
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ username: 'lead', roles: ['designer'] });
    expect(res.body.user).not.toHaveProperty('passwordHash');
    expect(typeof res.body.csrfToken).toBe('string');
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('pf_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\//);

    const as = { cookie: cookie.split(';')[0]!, 'x-csrf-token': res.body.csrfToken };
    const who = await me(as);
    expect(who.status).toBe(200);
    expect(who.body).toMatchObject({
      user: { username: 'lead' },
      via: 'session',
      csrfToken: res.body.csrfToken,
    });
  });

  it('logout revokes the session on the server: the old cookie is refused afterwards', async () => {
    const as = await t.login('lead');
    expect((await me(as)).status).toBe(200);
    const out = await t.call('POST', '/api/auth/logout', { as });
    expect(out.status).toBe(200);
    expect(out.headers.getSetCookie().join('\n')).toMatch(/pf_session=;/);
    // A copy of the cookie (a stolen one, or a second tab) no longer works.
    const after = await me(as);
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('UNAUTHENTICATED');
    const refused = await t.call('POST', '/api/instances', {
      as,
      body: { definitionId: TRIAGE, data: exampleStart(TRIAGE) },
    });
    expect(refused.status).toBe(401);
  });

  it('a new login is a new session: signing out of one leaves the other', async () => {
    const first = await t.login('auditor');
    const second = await t.login('auditor');
    expect(first.cookie).not.toBe(second.cookie);
    expect((await t.call('POST', '/api/auth/logout', { as: first })).status).toBe(200);
    expect((await me(first)).status).toBe(401);
    expect((await me(second)).status).toBe(200);
  });

  it('signing in from a client that still holds a session cookie needs no CSRF token', async () => {
    const stale = await t.login('lead');
    // The browser sends its cookie along, as browsers do; it has no CSRF token for it any more.
    const res = await t.call('POST', '/api/auth/login', {
      headers: { cookie: stale.cookie! },
      body: { username: 'auditor', password: PASSWORD },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.user.username).toBe('auditor');
    const fresh = res.headers
      .getSetCookie()
      .find((c) => c.startsWith('pf_session='))!
      .split(';')[0]!;
    expect(fresh).not.toBe(stale.cookie);
    expect((await me({ cookie: fresh })).body.user.username).toBe('auditor');
  });

  it('a wrong password and an unknown user get the same 401', async () => {
    const wrong = await login('auditor', 'not the password at all');
    const unknown = await login('nobody-here', 'not the password at all');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error.code).toBe('LOGIN_FAILED');
    expect(wrong.headers.getSetCookie()).toEqual([]);
  });
});

describe('GET /api/session: whether this browser is signed in', () => {
  const session = (as: AuthHeaders = {}) => t.call('GET', '/api/session', { as });

  it('answers 200 with no one for a browser that is not signed in; /api/me still refuses it', async () => {
    const anonymous = await session();
    expect(anonymous.status).toBe(200);
    expect(anonymous.body).toEqual({ me: null });
    expect((await me({})).status).toBe(401);
    // A cookie that no longer works (signed out, expired) is no one too. It is not cleared: the answer
    // to a request sent with it can arrive after this browser got a new session (a new password, a
    // sign-in in another tab), and clearing would remove the new session's cookie.
    const as = await t.login('lead');
    await t.call('POST', '/api/auth/logout', { as });
    const ended = await session(as);
    expect(ended.status).toBe(200);
    expect(ended.body).toEqual({ me: null });
    expect(ended.headers.getSetCookie()).toEqual([]);
    const refused = await me(as);
    expect(refused.status).toBe(401);
    expect(refused.headers.getSetCookie()).toEqual([]);
  });

  it('answers who is signed in as /api/me does, half-finished sign-ins included', async () => {
    const as = await t.login('lead');
    const signedIn = await session(as);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.me).toEqual((await me(as)).body);
    const half = await t.passwordOnly('auditor');
    const owing = await session(half);
    expect(owing.status).toBe(200);
    expect(owing.body.me).toMatchObject({ user: { username: 'auditor' }, stage: half.stage });
  });
});

describe('login throttle', () => {
  it('after 5 failures the account is refused with 429 and Retry-After, even with the right password', async () => {
    await t.addUser('throttled', ['front-desk']);
    for (let i = 0; i < 5; i++) expect((await login('throttled', `guess number ${i}`)).status).toBe(401);
    const blocked = await login('throttled', PASSWORD);
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('TOO_MANY_ATTEMPTS');
    const retryAfter = Number(blocked.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    // The username's case does not get around it.
    expect((await login('THROTTLED', PASSWORD)).status).toBe(429);
    // Other accounts are not affected.
    expect((await login('front-desk', PASSWORD)).status).toBe(200);
    // It always expires.
    t.clock.advance((retryAfter + 1) * 1000);
    expect((await login('throttled', PASSWORD)).status).toBe(200);
  });
});

describe('CSRF', () => {
  it('refuses unsafe session requests without the X-CSRF-Token header, and changes nothing', async () => {
    const { cookie, 'x-csrf-token': csrf } = await t.login('lead');
    const before = await instanceCount();
    const body = { definitionId: TRIAGE, data: exampleStart(TRIAGE) };
    const missing = await t.call('POST', '/api/instances', { as: { cookie: cookie! }, body });
    expect(missing.status).toBe(403);
    expect(missing.body.error.code).toBe('CSRF_FAILED');
    const wrong = await t.call('POST', '/api/instances', {
      as: { cookie: cookie!, 'x-csrf-token': 'forged' },
      body,
    });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe('CSRF_FAILED');
    const logout = await t.call('POST', '/api/auth/logout', { as: { cookie: cookie! } });
    expect(logout.status).toBe(403);
    expect(await instanceCount()).toBe(before);

    // Reads need no token; the right token lets the write through.
    expect((await me({ cookie: cookie! })).status).toBe(200);
    const ok = await t.call('POST', '/api/instances', {
      as: { cookie: cookie!, 'x-csrf-token': csrf! },
      body,
    });
    expect(ok.status).toBe(201);
    expect(await instanceCount()).toBe(before + 1);
  });

  it("one session's token does not work for another session", async () => {
    const a = await t.login('lead');
    const b = await t.login('lead');
    const crossed = await t.call('POST', '/api/instances', {
      as: { cookie: a.cookie!, 'x-csrf-token': b['x-csrf-token']! },
      body: { definitionId: TRIAGE, data: exampleStart(TRIAGE) },
    });
    expect(crossed.status).toBe(403);
  });
});

describe('API tokens', () => {
  it('work with Authorization: Bearer and need no CSRF token', async () => {
    const session = await t.login('medical-assistant');
    const made = await t.call('POST', '/api/tokens', {
      as: session,
      body: { name: 'portal integration', scope: 'act' },
    });
    expect(made.status).toBe(201);
    expect(made.body.secret).toMatch(/^pft_/);
    const bearer = { authorization: `Bearer ${made.body.secret}` };

    const who = await me(bearer);
    expect(who.body).toMatchObject({
      user: { username: 'medical-assistant' },
      via: 'token',
      csrfToken: null,
    });
    const started = await t.call('POST', '/api/instances', {
      as: bearer,
      body: { definitionId: TRIAGE, data: exampleStart(TRIAGE) },
    });
    expect(started.status).toBe(201);
    // The secret is shown once: the listing has no secret in it.
    const listed = await t.call('GET', '/api/tokens', { as: bearer });
    expect(JSON.stringify(listed.body)).not.toContain(made.body.secret);
  });

  it('a wrong, malformed or revoked token is 401, whatever cookie comes with it', async () => {
    const session = await t.login('medical-assistant');
    for (const authorization of ['Bearer pft_not-a-real-token', 'Basic bWE6cGFzcw==', 'Bearer']) {
      const res = await me({ authorization, cookie: session.cookie! });
      expect(res.status, authorization).toBe(401);
      expect(res.body.error.code).toBe('UNAUTHENTICATED');
    }
    const made = await t.call('POST', '/api/tokens', {
      as: session,
      body: { name: 'short-lived', scope: 'read' },
    });
    expect(made.status).toBe(201);
    await t.store.revokeApiToken(made.body.token.id);
    expect((await me({ authorization: `Bearer ${made.body.secret}` })).status).toBe(401);
  });
});

describe('session timeouts', () => {
  it('ends a session idle for more than 30 minutes', async () => {
    const as = await t.login('provider');
    t.clock.advance('PT29M');
    expect((await me(as)).status).toBe(200);
    t.clock.advance('PT31M');
    const expired = await me(as);
    expect(expired.status).toBe(401);
    // Refused, its cookie left to the browser (see "is not cleared" above).
    expect(expired.headers.getSetCookie()).toEqual([]);
    // Revoked, not just refused once: going back in time does not revive it.
    t.clock.advance(-60_000);
    expect((await me(as)).status).toBe(401);
  });

  it('keeps an active session alive, but never beyond 12 hours', async () => {
    const as = await t.login('scheduler');
    const started = Date.parse(t.clock.now());
    while (Date.parse(t.clock.now()) - started < 12 * 3600_000 - 20 * 60_000) {
      t.clock.advance('PT20M');
      expect((await me(as)).status, t.clock.now()).toBe(200);
    }
    t.clock.advance('PT20M');
    expect((await me(as)).status).toBe(401);
  });
});

describe('disabled accounts', () => {
  it('are refused: their session, their tokens and new sign-ins', async () => {
    const user = await t.addUser('leaving-nurse', ['triage-nurse']);
    const session = await t.login('leaving-nurse');
    const made = await t.call('POST', '/api/tokens', {
      as: session,
      body: { name: 'script', scope: 'read' },
    });
    expect(made.status).toBe(201);
    const bearer = { authorization: `Bearer ${made.body.secret}` };
    expect((await me(session)).status).toBe(200);
    expect((await me(bearer)).status).toBe(200);

    const admin = await t.login('admin');
    const disabled = await t.call('PATCH', `/api/users/${user.id}`, { as: admin, body: { disabled: true } });
    expect(disabled.status).toBe(200);
    expect(disabled.body.user).toMatchObject({ id: user.id, disabled: true });

    expect((await me(session)).status).toBe(401);
    expect((await me(bearer)).status).toBe(401);
    // With the right password they are told why, and whom to ask: "wrong password" sent them to reset
    // a password that was right. With a wrong one nothing says the account exists or is disabled.
    const again = await login('leaving-nurse', PASSWORD);
    expect(again.status).toBe(403);
    expect(again.body.error).toMatchObject({
      code: 'SIGN_IN_DISABLED',
      message: expect.stringMatching(/admin/),
    });
    const guessed = await login('leaving-nurse', 'not the password at all');
    expect(guessed.status).toBe(401);
    expect(guessed.body.error.code).toBe('LOGIN_FAILED');
  });
});
