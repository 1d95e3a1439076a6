import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginThrottle } from '../src/auth/throttle.ts';
import { defaultConfig } from '../src/config.ts';
import { type AuthHeaders, makeApp, PASSWORD, type TestApp } from './support/app.ts';

/** Session ids, timeouts, server-side revocation, and a lockout nobody can use against a colleague. */

const cookie = (res: { headers: Headers }, name: string) =>
  res.headers
    .getSetCookie()
    .find((c) => c.startsWith(`${name}=`))
    ?.split(';')[0];

describe('sessions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp({ config: { sessionIdleMs: 5 * 60_000, sessionAbsoluteMs: 3600_000 } });
  });
  afterAll(() => t?.close());
  const me = (as: AuthHeaders) => t.call('GET', '/api/me', { as });

  it('signing in gives a new session id and revokes the session that browser held', async () => {
    const before = await t.login('front-desk');
    const res = await t.call('POST', '/api/auth/login', {
      headers: { cookie: before.cookie! },
      body: { username: 'front-desk', password: PASSWORD },
    });
    const after = cookie(res, 'pf_session')!;
    expect(after).not.toBe(before.cookie);
    expect((await me(before)).status).toBe(401);
    expect((await me({ cookie: after })).status).toBe(200);
  });

  it('idle and absolute timeouts are configurable', async () => {
    const as = await t.login('scheduler');
    t.clock.advance(4 * 60_000);
    expect((await me(as)).status).toBe(200);
    t.clock.advance(5 * 60_000 + 1000);
    expect((await me(as)).status).toBe(401);
    const busy = await t.login('scheduler');
    for (let i = 0; i < 14; i++) {
      t.clock.advance(4 * 60_000);
      expect((await me(busy)).status).toBe(200);
    }
    t.clock.advance(4 * 60_000 + 1000);
    expect((await me(busy)).status, 'past the absolute limit').toBe(401);
  });

  it('defaults come from the environment when set: 30 minutes idle and 12 hours absolute otherwise', () => {
    expect(defaultConfig()).toMatchObject({ sessionIdleMs: 30 * 60_000, sessionAbsoluteMs: 12 * 3600_000 });
    process.env.PORTALFLOW_SESSION_IDLE_MINUTES = '15';
    process.env.PORTALFLOW_SESSION_ABSOLUTE_HOURS = '8';
    try {
      expect(defaultConfig()).toMatchObject({ sessionIdleMs: 15 * 60_000, sessionAbsoluteMs: 8 * 3600_000 });
      process.env.PORTALFLOW_SESSION_IDLE_MINUTES = 'soon';
      expect(() => defaultConfig()).toThrow(/PORTALFLOW_SESSION_IDLE_MINUTES/);
    } finally {
      delete process.env.PORTALFLOW_SESSION_IDLE_MINUTES;
      delete process.env.PORTALFLOW_SESSION_ABSOLUTE_HOURS;
    }
  });

  it('logout and disabling the account revoke every session on the server; new roles do not', async () => {
    const user = await t.addUser('temp-staff', ['front-desk']);
    const admin = await t.login('admin');
    const a = await t.login('temp-staff');
    const b = await t.login('temp-staff');
    expect((await t.call('POST', '/api/auth/logout', { as: a })).status).toBe(200);
    expect((await me(a)).status).toBe(401);
    expect((await me(b)).status).toBe(200);
    // Roles are read afresh on every request: the person keeps working (and keeps what they typed).
    await t.call('PATCH', `/api/users/${user.id}`, { as: admin, body: { roles: ['scheduler'] } });
    expect((await me(b)).status).toBe(200);
    const c = await t.login('temp-staff');
    await t.call('PATCH', `/api/users/${user.id}`, { as: admin, body: { disabled: true } });
    expect((await me(c)).status).toBe(401);
    const session = (await t.store.listUsers()).find((u) => u.id === user.id);
    expect(session?.disabled).toBe(true);
  });
});

describe('login throttle', () => {
  const options = { freeFailures: 3, baseMs: 1000, capMs: 60_000, accountFailures: 10 };

  /** One wrong attempt let through at `now`; false when the client had to wait instead. */
  const fail = (th: LoginThrottle, account: string, client: string, known: boolean, now: number) => {
    const r = th.reserve(account, client, known, now);
    if (r.ok) r.attempt.failed();
    return r.ok;
  };

  it('backs off exponentially per account and client, capped, and always expires', () => {
    const th = new LoginThrottle(options);
    for (let i = 0; i < 3; i++) {
      expect(th.wait('kim', 'ip:a', false, 0)).toBe(0);
      expect(fail(th, 'kim', 'ip:a', false, 0)).toBe(true);
    }
    expect(th.wait('kim', 'ip:a', false, 0)).toBe(1000);
    expect(fail(th, 'kim', 'ip:a', false, 0)).toBe(false);
    expect(fail(th, 'kim', 'ip:a', false, 1000)).toBe(true);
    expect(th.wait('kim', 'ip:a', false, 1000)).toBe(2000);
    let now = 1000;
    for (let i = 0; i < 20; i++) {
      now += th.wait('kim', 'ip:a', false, now);
      expect(fail(th, 'kim', 'ip:a', false, now)).toBe(true);
    }
    expect(th.wait('kim', 'ip:a', false, now)).toBe(60_000);
    expect(th.wait('kim', 'ip:a', false, now + 60_000)).toBe(0);
    // Another client of the same account is held back only by the account-wide count.
    expect(th.wait('kim', 'ip:b', false, now)).toBeGreaterThan(0);
    // A known device of the account is not held back by strangers' failures at all.
    expect(th.wait('kim', 'device:kims-pc', true, now)).toBe(0);
    // Other accounts are untouched; success clears the client's own count.
    expect(th.wait('lee', 'ip:a', false, now)).toBe(0);
    const right = th.reserve('kim', 'ip:a', true, now + 60_000);
    expect(right.ok).toBe(true);
    if (right.ok) right.attempt.succeeded();
    expect(th.wait('kim', 'ip:a', true, now + 60_000)).toBe(0);
  });

  it('counts attempts still being checked: a burst gets no more checks than the same guesses in a row', () => {
    const th = new LoginThrottle(options);
    const burst = Array.from({ length: 10 }, () => th.reserve('kim', 'ip:a', false, 0));
    expect(burst.filter((r) => r.ok)).toHaveLength(3);
    // A right answer among them clears the settled failures, not the attempts still in flight.
    const [first, second, third] = burst.filter((r) => r.ok).map((r) => (r.ok ? r.attempt : null)!);
    first!.failed();
    second!.succeeded();
    expect(th.reserve('kim', 'ip:a', false, 0).ok).toBe(true); // the one in flight and this one
    expect(th.reserve('kim', 'ip:a', false, 0).ok).toBe(true);
    expect(th.reserve('kim', 'ip:a', false, 0).ok).toBe(false);
    third!.failed();
    // Settling twice changes nothing.
    third!.succeeded();
    expect(th.reserve('kim', 'ip:a', false, 0).ok).toBe(false);
  });

  it('someone guessing from many places cannot keep the account holder out of their own workstation', async () => {
    const t = await makeApp({ users: [{ username: 'front-desk', roles: ['front-desk'] }] });
    try {
      // The real user signed in on this workstation before: it is a known device now.
      const first = await t.call('POST', '/api/auth/login', {
        body: { username: 'front-desk', password: PASSWORD },
      });
      const device = cookie(first, 'pf_device')!;
      expect(device).toBeDefined();
      const guesses = t.deps.config.loginAccountFailures + 5;
      for (let i = 0; i < guesses; i++) {
        const res = await t.call('POST', '/api/auth/login', {
          body: { username: 'front-desk', password: `guess ${i}` },
        });
        expect([401, 429]).toContain(res.status);
      }
      const stranger = await t.call('POST', '/api/auth/login', {
        body: { username: 'front-desk', password: PASSWORD },
      });
      expect(stranger.status).toBe(429);
      expect(Number(stranger.headers.get('retry-after'))).toBeLessThanOrEqual(
        t.deps.config.loginBackoffCapMs / 1000,
      );
      const owner = await t.call('POST', '/api/auth/login', {
        headers: { cookie: device },
        body: { username: 'front-desk', password: PASSWORD },
      });
      expect(owner.status, owner.text).toBe(200);
      // The lockout of strangers expires by itself.
      t.clock.advance(t.deps.config.loginBackoffCapMs + 1000);
      expect(
        (await t.call('POST', '/api/auth/login', { body: { username: 'front-desk', password: PASSWORD } }))
          .status,
      ).toBe(200);
    } finally {
      await t.close();
    }
  }, 30_000);
});
