import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchTotp, totpCode } from '../src/auth/totp.ts';
import { makeApp, PASSWORD, type TestApp } from './support/app.ts';
import { type HttpResult, type Listener, listen, postJson, setCookie } from './support/listen.ts';

/**
 * The sign-in throttle under concurrent guessing, over a real socket: bursts of attempts released
 * together count as if they had come one after another, for passwords, authenticator codes and
 * recovery codes. Different clients are told apart by X-Forwarded-For (the server trusts it here, as
 * behind a proxy).
 */

let t: TestApp;
let server: Listener;
let free: number;
let accountFree: number;

beforeAll(async () => {
  t = await makeApp({
    users: [{ username: 'admin', roles: ['admin'] }],
    publish: false,
    config: { trustProxy: true },
  });
  server = await listen(t.app);
  free = t.deps.config.loginFreeFailures;
  accountFree = t.deps.config.loginAccountFailures;
});
afterAll(async () => {
  await server?.close();
  await t?.close();
});

const login = (username: string, password: string, headers: Record<string, string> = {}) =>
  postJson(`${server.base}/api/auth/login`, { username, password }, headers);
const from = (client: number) => ({ 'x-forwarded-for': `198.51.100.${client}` });
const count = (results: HttpResult[], status: number) => results.filter((r) => r.status === status).length;
const wrong = (n: number) => Array.from({ length: n }, (_, i) => `wrong guess number ${i}`);

/** Resolves with the first response that has `status`, or when every promise settled without one. */
function firstWith(promises: Promise<HttpResult>[], status: number): Promise<void> {
  return new Promise((resolve) => {
    for (const p of promises) void p.then((r) => r.status === status && resolve());
    void Promise.allSettled(promises).then(() => resolve());
  });
}

describe('concurrent password guessing', { timeout: 120_000 }, () => {
  it('59 wrong passwords and the right one at once: no more are checked than one client may try', async () => {
    await t.addUser('burst-a', ['front-desk']);
    const results = await Promise.all([...wrong(59), PASSWORD].map((p) => login('burst-a', p, from(1))));
    const checked = count(results, 401) + count(results, 200);
    expect(checked).toBeLessThanOrEqual(free);
    expect(count(results, 429)).toBe(60 - checked);
    for (const r of results.filter((r) => r.status === 429))
      expect(r.body.error.code).toBe('TOO_MANY_ATTEMPTS');
    // The right password is let in only when it was among the attempts this client may make: then
    // at most `free - 1` wrong ones were checked besides it. Otherwise it waits like every other.
    const right = results[59]!;
    expect([200, 429]).toContain(right.status);
    if (right.status === 200) expect(count(results, 401)).toBeLessThanOrEqual(free - 1);
  });

  it('the right password arriving after the limit was reached is refused, while guesses are in flight', async () => {
    await t.addUser('burst-b', ['front-desk']);
    const guesses = wrong(59).map((p) => login('burst-b', p, from(2)));
    await firstWith(guesses, 429);
    const right = await login('burst-b', PASSWORD, from(2));
    const results = await Promise.all(guesses);
    expect(count(results, 401)).toBeLessThanOrEqual(free);
    expect(right.status).toBe(429);
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('100 wrong at once from one client: 429s, and only the allowed few are checked', async () => {
    await t.addUser('burst-c', ['front-desk']);
    const results = await Promise.all(wrong(100).map((p) => login('burst-c', p, from(3))));
    expect(count(results, 429)).toBeGreaterThan(0);
    expect(count(results, 401)).toBeLessThanOrEqual(free);
    expect(count(results, 401) + count(results, 429)).toBe(100);
  });

  it('100 wrong at once from ten clients: the account-wide limit holds too', async () => {
    await t.addUser('burst-d', ['front-desk']);
    const results = await Promise.all(wrong(100).map((p, i) => login('burst-d', p, from(10 + (i % 10)))));
    expect(count(results, 401)).toBeLessThanOrEqual(accountFree);
    expect(count(results, 429)).toBeGreaterThanOrEqual(100 - accountFree);
    // A new client is refused even with the right password: the account is being attacked.
    expect((await login('burst-d', PASSWORD, from(99))).status).toBe(429);
  });

  it('the lockout always expires', async () => {
    await t.addUser('burst-e', ['front-desk']);
    const results = await Promise.all(wrong(30).map((p, i) => login('burst-e', p, from(30 + (i % 3)))));
    expect(count(results, 429)).toBeGreaterThan(0);
    const blocked = await login('burst-e', PASSWORD, from(30));
    expect(blocked.status).toBe(429);
    const retryAfter = Number(blocked.headers.get('retry-after'));
    expect(retryAfter * 1000).toBeLessThanOrEqual(t.deps.config.loginBackoffCapMs);
    t.clock.advance(t.deps.config.loginBackoffCapMs + 1000);
    expect((await login('burst-e', PASSWORD, from(30))).status).toBe(200);
  });

  it("a browser that signed in to the account before is let in during another client's attack", async () => {
    await t.addUser('burst-f', ['front-desk']);
    const first = await login('burst-f', PASSWORD, from(40));
    expect(first.status).toBe(200);
    const device = setCookie(first.headers, 'pf_device')!;
    expect(device).toBeDefined();
    // The known browser signs in while 100 guesses from the same address and nine others arrive.
    const attack = wrong(100).map((p, i) => login('burst-f', p, from(40 + (i % 10))));
    const own = login('burst-f', PASSWORD, { ...from(40), cookie: device });
    const [mine, ...results] = await Promise.all([own, ...attack]);
    expect(count(results, 429)).toBeGreaterThan(0);
    expect(mine!.status).toBe(200);
    // After the attack: strangers wait, the known browser does not.
    expect((await login('burst-f', PASSWORD, from(77))).status).toBe(429);
    expect((await login('burst-f', PASSWORD, { ...from(40), cookie: device })).status).toBe(200);
  });
});

describe('one client guessing across accounts', { timeout: 120_000 }, () => {
  /** Real accounts and unknown names alike: a sweep moves to the next name at every guess. */
  async function sweep(client: number, known: string[], extra: number): Promise<HttpResult[]> {
    const names = [...known, ...Array.from({ length: extra }, (_, i) => `nobody-${client}-${i}`)];
    return Promise.all(names.map((name) => login(name, 'Spring-Clinic-2026!', from(client))));
  }

  it('sign-ins for 40 different accounts at once from one address: only the client budget is checked', async () => {
    const budget = t.deps.config.loginClientFailures;
    const accounts = Array.from({ length: 10 }, (_, i) => `spray-${i}`);
    for (const name of accounts) await t.addUser(name, ['front-desk']);
    const results = await sweep(60, accounts, budget);
    expect(results).toHaveLength(budget + 10);
    expect(count(results, 401)).toBeLessThanOrEqual(budget);
    expect(count(results, 401)).toBeGreaterThan(0);
    expect(count(results, 429)).toBe(results.length - count(results, 401));
    const refused = results.find((r) => r.status === 429)!;
    expect(refused.body.error).toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
    expect(refused.body.error.message).toMatch(/from this computer/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // The right password from that address waits too; another address is not slowed by it.
    expect((await login('spray-0', PASSWORD, from(60))).status).toBe(429);
    expect((await login('spray-0', PASSWORD, from(61))).status).toBe(200);
    // The budget is per window: once it has passed, the address is let in again.
    t.clock.advance(t.deps.config.loginClientWindowMs + 1000);
    expect((await login('spray-1', PASSWORD, from(60))).status).toBe(200);
  });

  it('a browser that signed in to an account before is let in from an address that is sweeping', async () => {
    await t.addUser('spray-known', ['front-desk']);
    const first = await login('spray-known', PASSWORD, from(62));
    expect(first.status).toBe(200);
    const device = setCookie(first.headers, 'pf_device')!;
    const results = await sweep(62, [], t.deps.config.loginClientFailures + 10);
    expect(count(results, 429)).toBeGreaterThan(0);
    expect((await login('spray-known', PASSWORD, from(62))).status).toBe(429);
    expect((await login('spray-known', PASSWORD, { ...from(62), cookie: device })).status).toBe(200);
  });
});

describe('behind a proxy that appends to X-Forwarded-For', { timeout: 120_000 }, () => {
  it('a made-up address put first in the header does not make a new client: the one the proxy added counts', async () => {
    await t.addUser('forwarded', ['front-desk']);
    // The client sends its own X-Forwarded-For; the proxy appends the address it really saw.
    const results = await Promise.all(
      wrong(30).map((p, i) => login('forwarded', p, { 'x-forwarded-for': `10.9.${i}.1, 198.51.100.70` })),
    );
    expect(count(results, 401)).toBeLessThanOrEqual(free);
    expect(count(results, 429)).toBe(30 - count(results, 401));
    // Another real address is another client.
    expect(
      (await login('forwarded', PASSWORD, { 'x-forwarded-for': '10.9.0.1, 198.51.100.71' })).status,
    ).toBe(200);
  });
});

describe('concurrent code guessing', { timeout: 120_000 }, () => {
  let secret: string;
  beforeAll(async () => {
    await t.addUser('codes', ['auditor']);
    await t.login('codes'); // enrolls an authenticator (and remembers that browser, not ours)
    secret = t.totpSecret('codes')!;
  }, 60_000);

  /** The password step from a new browser at `client`: a session waiting for a code. */
  async function waitingForCode(client: number): Promise<Record<string, string>> {
    const res = await login('codes', PASSWORD, from(client));
    expect(res.status).toBe(200);
    expect(res.body.stage).toBe('totp');
    return {
      ...from(client),
      cookie: setCookie(res.headers, 'pf_session')!,
      'x-csrf-token': res.body.csrfToken,
    };
  }
  const verify = (as: Record<string, string>, body: unknown) =>
    postJson(`${server.base}/api/auth/totp/verify`, body, as);

  it('8 authenticator codes at once: no more than 5 are checked', async () => {
    const as = await waitingForCode(50);
    const now = Date.parse(t.clock.now());
    // Wrong codes, and the code already used to enroll (a replay, refused after a database check).
    const used = totpCode(secret, now);
    const codes: string[] = [];
    for (let i = 0; codes.length < 8; i++) {
      const code = String(100000 + i * 7919);
      if (matchTotp(secret, code, now) === null) codes.push(code, used);
    }
    const results = await Promise.all(codes.map((code) => verify(as, { code })));
    expect(count(results, 401)).toBeLessThanOrEqual(free);
    expect(count(results, 401)).toBeGreaterThan(0);
    expect(count(results, 429)).toBe(8 - count(results, 401));
  });

  it('8 recovery codes at once: no more than 5 are checked', async () => {
    const as = await waitingForCode(51);
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => verify(as, { recoveryCode: `wrong-recovery-${i}` })),
    );
    expect(count(results, 401)).toBeLessThanOrEqual(free);
    expect(count(results, 401)).toBeGreaterThan(0);
    expect(count(results, 429)).toBe(8 - count(results, 401));
  });
});
