import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, matchTotp, totpCode } from '../src/auth/totp.ts';
import { type AuthHeaders, makeApp, PASSWORD, type TestApp } from './support/app.ts';
import { documentedRoutes, routeKey } from './support/matrix-setup.ts';

/** RFC 6238 two-factor sign-in: enrollment, the code step, recovery codes, remembered browsers, resets. */

let t: TestApp;
beforeAll(async () => {
  t = await makeApp({ users: [] });
});
afterAll(() => t?.close());

const cookie = (res: { headers: Headers }, name: string) =>
  res.headers
    .getSetCookie()
    .find((c) => c.startsWith(`${name}=`))
    ?.split(';')[0];

async function passwordStep(username: string, extraCookie?: string) {
  const res = await t.call('POST', '/api/auth/login', {
    body: { username, password: PASSWORD },
    ...(extraCookie ? { headers: { cookie: extraCookie } } : {}),
  });
  expect(res.status, res.text).toBe(200);
  return {
    res,
    stage: res.body.stage as string,
    as: { cookie: cookie(res, 'pf_session')!, 'x-csrf-token': res.body.csrfToken } as AuthHeaders,
  };
}
const now = () => Date.parse(t.clock.now());

describe('RFC 6238 codes', () => {
  it('match the RFC 6238 appendix B test vectors (SHA-1)', () => {
    const secret = Buffer.from('12345678901234567890');
    const vectors: Array<[number, string]> = [
      [59, '94287082'],
      [1111111109, '07081804'],
      [1111111111, '14050471'],
      [1234567890, '89005924'],
      [2000000000, '69279037'],
      [20000000000, '65353130'],
    ];
    for (const [seconds, code] of vectors) expect(hotp(secret, Math.floor(seconds / 30), 8)).toBe(code);
  });

  it('base32 round-trips, and a code matches only within one step either side', () => {
    const bytes = Buffer.from('any twenty bytes!!!!');
    expect(base32Decode(base32Encode(bytes))).toEqual(bytes);
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI'); // RFC 4648 §10
    const secret = base32Encode(bytes);
    const at = Date.parse('2026-03-02T16:00:00Z');
    const code = totpCode(secret, at);
    expect(matchTotp(secret, code, at)).toBe(Math.floor(at / 30_000));
    expect(matchTotp(secret, code, at + 30_000)).not.toBe(null);
    expect(matchTotp(secret, code, at + 90_000)).toBe(null);
    expect(matchTotp(secret, 'abcdef', at)).toBe(null);
    expect(matchTotp(secret, `${code}0`, at)).toBe(null);
  });
});

describe('enrollment (required for admin, designer and auditor)', () => {
  it('a lead who has not enrolled reaches nothing but enrollment until they do', async () => {
    await t.addUser('lead-1', ['designer']);
    const { stage, as, res } = await passwordStep('lead-1');
    expect(stage).toBe('enroll');
    expect(cookie(res, 'pf_device')).toBeUndefined();
    const me = await t.call('GET', '/api/me', { as });
    expect(me.body).toMatchObject({ stage: 'enroll', twoFactor: { enrolled: false, required: true } });

    // Every documented route other than the enrollment steps is refused, for reads and writes alike.
    const open = new Set([
      'GET /api/me',
      'POST /api/auth/login',
      'POST /api/auth/logout',
      'POST /api/auth/totp/setup',
      'POST /api/auth/totp/confirm',
      'GET /api/health',
      'GET /api/openapi.json',
    ]);
    // Public routes (auth: false, e.g. the patients' help site) answer everyone the same.
    const closed = documentedRoutes().filter((r) => !open.has(routeKey(r)) && r.auth !== false);
    expect(closed.length).toBeGreaterThan(30);
    for (const r of closed) {
      const path = r.path.replace(/\{\w+\}/g, 'x');
      const res = await t.call(r.method.toUpperCase(), path, {
        as,
        ...(r.method === 'get' ? {} : { body: {} }),
      });
      expect(res.status, `${routeKey(r)}: ${res.text}`).toBe(403);
      // FHIR answers in its own error shape (an OperationOutcome) naming the same code.
      if (r.path.startsWith('/fhir/')) expect(res.text).toContain('TOTP_ENROLLMENT_REQUIRED');
      else expect(res.body.error.code).toBe('TOTP_ENROLLMENT_REQUIRED');
    }

    const first = await t.call('POST', '/api/auth/totp/setup', { as, body: {} });
    expect(first.status).toBe(200);
    expect(first.body.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(first.body.otpauthUri).toBe(
      `otpauth://totp/portalflow%3Alead-1?secret=${first.body.secret}&issuer=portalflow&algorithm=SHA1&digits=6&period=30`,
    );
    // Starting again replaces the secret: only the newest one is ever accepted.
    const second = await t.call('POST', '/api/auth/totp/setup', { as, body: {} });
    expect(second.body.secret).not.toBe(first.body.secret);
    const stale = await t.call('POST', '/api/auth/totp/confirm', {
      as,
      body: { code: totpCode(first.body.secret, now()) },
    });
    expect(stale.status).toBe(401);
    expect(stale.body.error.code).toBe('CODE_FAILED');

    const done = await t.call('POST', '/api/auth/totp/confirm', {
      as,
      body: { code: totpCode(second.body.secret, now()) },
    });
    expect(done.status, done.text).toBe(200);
    expect(done.body.stage).toBe('full');
    expect(done.body.recoveryCodes).toHaveLength(10);
    expect(new Set(done.body.recoveryCodes).size).toBe(10);
    // 24 characters from 31: about 119 bits each, enough for a plain hash at rest (ASVS 6.5.2).
    for (const code of done.body.recoveryCodes)
      expect(code).toMatch(/^[A-HJ-NP-Z2-9]{6}(-[A-HJ-NP-Z2-9]{6}){3}$/);
    expect(JSON.stringify(await t.store.listUsers())).not.toContain(done.body.recoveryCodes[0]);
    // A new session id for the full session; the half-signed-in one is gone.
    const full = { cookie: cookie(done, 'pf_session')!, 'x-csrf-token': done.body.csrfToken };
    expect(full.cookie).not.toBe(as.cookie);
    expect((await t.call('GET', '/api/me', { as })).status).toBe(401);
    expect((await t.call('GET', '/api/me', { as: full })).body).toMatchObject({
      stage: 'full',
      twoFactor: { enrolled: true, required: true, recoveryCodesLeft: 10 },
    });
    expect((await t.call('GET', '/api/definitions', { as: full })).status).toBe(200);
    // The secret is never shown again.
    expect((await t.call('POST', '/api/auth/totp/setup', { as: full, body: {} })).status).toBe(409);
    expect(JSON.stringify((await t.call('GET', '/api/me', { as: full })).body)).not.toContain(
      second.body.secret,
    );
  });

  it('clinic staff sign in with a password alone, and may enroll if they choose', async () => {
    await t.addUser('nurse-1', ['triage-nurse']);
    const { stage, as } = await passwordStep('nurse-1');
    expect(stage).toBe('full');
    expect((await t.call('GET', '/api/tasks', { as })).status).toBe(200);
    const setup = await t.call('POST', '/api/auth/totp/setup', { as, body: {} });
    const done = await t.call('POST', '/api/auth/totp/confirm', {
      as,
      body: { code: totpCode(setup.body.secret, now()) },
    });
    expect(done.status).toBe(200);
    expect((await passwordStep('nurse-1')).stage).toBe('totp');
  });
});

describe('the code step', () => {
  let secret: string;
  let codes: string[];
  beforeAll(async () => {
    await t.addUser('auditor-1', ['auditor']);
    const { as } = await passwordStep('auditor-1');
    secret = (await t.call('POST', '/api/auth/totp/setup', { as, body: {} })).body.secret;
    codes = (await t.call('POST', '/api/auth/totp/confirm', { as, body: { code: totpCode(secret, now()) } }))
      .body.recoveryCodes;
  });

  it('a password alone reaches nothing; a code works once, never again', async () => {
    const { stage, as } = await passwordStep('auditor-1');
    expect(stage).toBe('totp');
    const blocked = await t.call('GET', '/api/audit/access-log', { as });
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.code).toBe('TOTP_REQUIRED');
    // The code of this step was used to confirm the enrollment: replaying it fails.
    const replay = await t.call('POST', '/api/auth/totp/verify', {
      as,
      body: { code: totpCode(secret, now()) },
    });
    expect(replay.status).toBe(401);
    t.clock.advance(30_000);
    const ok = await t.call('POST', '/api/auth/totp/verify', { as, body: { code: totpCode(secret, now()) } });
    expect(ok.status, ok.text).toBe(200);
    const full = { cookie: cookie(ok, 'pf_session')!, 'x-csrf-token': ok.body.csrfToken };
    expect((await t.call('GET', '/api/audit/access-log', { as: full })).status).toBe(200);
    // The same code from another browser (a shoulder-surfer) within the same 30 seconds fails.
    const other = await passwordStep('auditor-1');
    const again = await t.call('POST', '/api/auth/totp/verify', {
      as: other.as,
      body: { code: totpCode(secret, now()) },
    });
    expect(again.status).toBe(401);
  });

  it('a recovery code stands in for a code, once', async () => {
    const first = await passwordStep('auditor-1');
    const used = await t.call('POST', '/api/auth/totp/verify', {
      as: first.as,
      body: { recoveryCode: codes[0]!.toLowerCase() },
    });
    expect(used.status, used.text).toBe(200);
    expect(used.body.recoveryCodesLeft).toBe(9);
    const second = await passwordStep('auditor-1');
    const reused = await t.call('POST', '/api/auth/totp/verify', {
      as: second.as,
      body: { recoveryCode: codes[0] },
    });
    expect(reused.status).toBe(401);
    expect(
      (await t.call('POST', '/api/auth/totp/verify', { as: second.as, body: { recoveryCode: codes[1] } }))
        .status,
    ).toBe(200);
  });

  it('"remember this device" spares the code on that browser only, and only for a while', async () => {
    t.clock.advance(30_000);
    const { as } = await passwordStep('auditor-1');
    const ok = await t.call('POST', '/api/auth/totp/verify', {
      as,
      body: { code: totpCode(secret, now()), rememberDevice: true },
    });
    const device = cookie(ok, 'pf_device')!;
    expect(device).toBeDefined();
    expect(ok.headers.getSetCookie().find((c) => c.startsWith('pf_device='))).toMatch(
      /HttpOnly.*SameSite=Strict|SameSite=Strict.*HttpOnly/i,
    );
    expect((await passwordStep('auditor-1', device)).stage).toBe('full');
    expect((await passwordStep('auditor-1')).stage).toBe('totp');
    t.clock.advance(t.deps.config.totpRememberMs + 1000);
    expect((await passwordStep('auditor-1', device)).stage).toBe('totp');
  });

  it('wrong codes are throttled like passwords', async () => {
    const { as } = await passwordStep('auditor-1');
    for (let i = 0; i < t.deps.config.loginFreeFailures; i++)
      expect((await t.call('POST', '/api/auth/totp/verify', { as, body: { code: '000000' } })).status).toBe(
        401,
      );
    const blocked = await t.call('POST', '/api/auth/totp/verify', {
      as,
      body: { code: totpCode(secret, now()) },
    });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('a half-finished sign-in expires', async () => {
    const { as } = await passwordStep('auditor-1');
    t.clock.advance(t.deps.config.signInStepMs + 1000);
    expect((await t.call('GET', '/api/me', { as })).status).toBe(401);
  });

  it('an admin reset makes the account enroll again and ends its sessions', async () => {
    const mine = await t.login('auditor-1').catch(() => null); // the helper did not enroll this user
    expect(mine).toBe(null);
    await t.addUser('admin-1', ['admin']);
    const admin = await t.login('admin-1');
    t.clock.advance(60_000);
    const { as } = await passwordStep('auditor-1');
    const ok = await t.call('POST', '/api/auth/totp/verify', { as, body: { code: totpCode(secret, now()) } });
    const session = { cookie: cookie(ok, 'pf_session')!, 'x-csrf-token': ok.body.csrfToken };
    const reset = await t.call('PATCH', `/api/users/${t.user('auditor-1').id}`, {
      as: admin,
      body: { resetTwoFactor: true },
    });
    expect(reset.status, reset.text).toBe(200);
    expect((await t.call('GET', '/api/me', { as: session })).status).toBe(401);
    expect((await passwordStep('auditor-1')).stage).toBe('enroll');
  });
});

describe('the setup page’s words before the clinic’s configuration is open to the person', () => {
  it('an enroll-stage /api/me says the clinic’s time zone and clock, for when the reset happened', async () => {
    await t.addUser('zone-1', ['auditor']);
    const { as, stage } = await passwordStep('zone-1');
    expect(stage).toBe('enroll');
    // The configuration itself waits for a full sign-in.
    expect((await t.call('GET', '/api/config', { as })).status).toBe(403);
    const me = await t.call('GET', '/api/me', { as });
    expect(me.status, me.text).toBe(200);
    expect(me.body.clinicTime).toEqual({ timeZone: 'America/Denver', clock: '12-hour' });
    const before = t.deps.clinicClock;
    t.deps.clinicClock = '24-hour';
    try {
      expect((await t.call('GET', '/api/me', { as })).body.clinicTime.clock).toBe('24-hour');
    } finally {
      t.deps.clinicClock = before;
    }
  });
});

describe('the access log records every sign-in step', () => {
  it('passwords, codes and sign-outs, allowed and refused, by user id (never the name typed)', async () => {
    await t.addUser('logged-1', ['front-desk']);
    const mark = Math.max(0, ...(await t.store.listAccess({ limit: 1000 })).items.map((r) => r.id));
    await t.call('POST', '/api/auth/login', { body: { username: 'logged-1', password: 'wrong password!' } });
    await t.call('POST', '/api/auth/login', { body: { username: 'Ada Lovelace-typo', password: 'x' } });
    const { as } = await passwordStep('logged-1');
    await t.call('POST', '/api/auth/logout', { as });
    const rows = (await t.store.listAccess({ limit: 1000 })).items.filter(
      (r) => r.id > mark && r.dataCategory === 'authentication',
    );
    const id = t.user('logged-1').id;
    expect(rows.map((r) => [r.userId, r.outcome, r.detail])).toEqual([
      [id, 'deny', 'password: wrong'],
      [null, 'deny', 'password: unknown account'],
      [id, 'allow', 'password; next: signed in'],
      [id, 'allow', 'signed out'],
    ]);
    expect(JSON.stringify(rows)).not.toContain('Ada Lovelace');
  });
});
