import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { createClient } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../src/auth/totp.ts';
import { CookieJar } from './support/cookie-jar.ts';
import { me, type SsoWorld, signInThroughProvider, ssoWorld } from './support/sso-world.ts';

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

const landed = (u: URL | null) => (u ? `${u.pathname}${u.search}` : null);

/** The jar's session as request headers for an unsafe call (cookie and CSRF token). */
async function sessionHeaders(w: SsoWorld, jar: CookieJar) {
  const who = await me(w, jar);
  return { cookie: jar.header(w.base), 'x-csrf-token': who.body.csrfToken as string };
}

async function accessDetails(w: SsoWorld) {
  const page = await w.t.store.listAccess({ category: 'authentication', limit: 1000 });
  return page.items.map((e) => `${e.outcome} ${e.detail}`);
}

describe('single sign-on through a real OpenID Provider', () => {
  let w: SsoWorld;
  beforeAll(async () => {
    // Generous throttle here: the refusals below are each meant to be seen, not throttled.
    w = await ssoWorld({ loginFreeFailures: 100 });
    await w.mapGroups({
      'clinic-nurses': ['triage-nurse'],
      billing: ['billing-specialist'],
      'practice-leads': ['designer'],
    });
  });
  afterAll(() => w.close());

  it('is offered on the sign-in screen by name', async () => {
    const res = await fetch(`${w.base}/api/auth/oidc`);
    expect(await res.json()).toEqual({
      provider: { name: 'Clinic Directory', startUrl: '/api/auth/oidc/start' },
    });
  });

  it('makes an account for a new person whose groups map to a role, with exactly those roles', async () => {
    w.addAccount({
      sub: 'p-nora',
      email: 'nora@clinic.example',
      emailVerified: true,
      name: 'Nora N',
      groups: ['clinic-nurses', 'unrelated'],
    });
    const jar = new CookieJar();
    const { landing } = await signInThroughProvider(w, jar, { email: 'nora@clinic.example' });
    expect(landed(landing)).toBe('/');
    const who = await me(w, jar);
    expect(who.status).toBe(200);
    expect(who.body).toMatchObject({
      stage: 'full',
      user: { username: 'nora@clinic.example', displayName: 'Nora N', roles: ['triage-nurse'] },
    });
    // The session is a normal one: it reaches the API like a password sign-in.
    expect((await jar.fetch(`${w.base}/api/tasks?scope=pool`)).status).toBe(200);
    expect(await accessDetails(w)).toContain('allow single sign-on: account created; next: signed in');
  });

  it('follows the mapping at the next sign-in, links the same account again and records the role change', async () => {
    w.addAccount({ sub: 'p-bo', email: 'bo@clinic.example', emailVerified: true, groups: ['clinic-nurses'] });
    await signInThroughProvider(w, new CookieJar(), { email: 'bo@clinic.example' });
    w.idp.accounts.get('bo@clinic.example')!.groups = ['billing'];
    const jar = new CookieJar();
    await signInThroughProvider(w, jar, { email: 'bo@clinic.example' });
    const who = await me(w, jar);
    expect(who.body.user.roles).toEqual(['billing-specialist']);
    const accounts = (await w.t.store.listUsers()).filter((u) => u.username === 'bo@clinic.example');
    expect(accounts).toHaveLength(1);
    const trail = await w.t.store.listAccountChanges({ userId: accounts[0]!.id });
    expect(trail.map((c) => [c.what, c.oldValue, c.newValue])).toContainEqual([
      'roles',
      '["triage-nurse"]',
      '["billing-specialist"]',
    ]);
  });

  it('refuses a person whose groups map to no role, and makes no account', async () => {
    w.addAccount({ sub: 'p-vic', email: 'vic@clinic.example', emailVerified: true, groups: ['visitors'] });
    const before = (await w.t.store.listUsers()).length;
    const jar = new CookieJar();
    const { landing } = await signInThroughProvider(w, jar, { email: 'vic@clinic.example' });
    expect(landed(landing)).toBe('/?sso_error=SSO_NO_ROLE');
    expect((await me(w, jar)).status).toBe(401);
    expect((await w.t.store.listUsers()).length).toBe(before);
  });

  it('refuses a disabled account, and lets it in again once re-enabled', async () => {
    w.addAccount({
      sub: 'p-dee',
      email: 'dee@clinic.example',
      emailVerified: true,
      groups: ['clinic-nurses'],
    });
    await signInThroughProvider(w, new CookieJar(), { email: 'dee@clinic.example' });
    const dee = (await w.t.store.findUserByUsername('dee@clinic.example'))!;
    const admin = await w.t.session('admin');
    expect(
      (await w.t.call('PATCH', `/api/users/${dee.id}`, { as: admin, body: { disabled: true } })).status,
    ).toBe(200);
    const jar = new CookieJar();
    const { landing } = await signInThroughProvider(w, jar, { email: 'dee@clinic.example' });
    expect(landed(landing)).toBe('/?sso_error=ACCOUNT_DISABLED');
    expect((await me(w, jar)).status).toBe(401);
    expect(await accessDetails(w)).toContain('deny single sign-on: account disabled');
    expect(
      (await w.t.call('PATCH', `/api/users/${dee.id}`, { as: admin, body: { disabled: false } })).status,
    ).toBe(200);
    const again = await signInThroughProvider(w, jar, { email: 'dee@clinic.example' });
    expect(landed(again.landing)).toBe('/');
  });

  it('skips the local code when the provider asserts multi-factor, and asks for it when it does not', async () => {
    // A lead: the designer role needs two-factor sign-in.
    w.addAccount({
      sub: 'p-lou',
      email: 'lou@clinic.example',
      emailVerified: true,
      groups: ['practice-leads'],
      amr: ['pwd', 'otp', 'mfa'],
    });
    const strong = new CookieJar();
    await signInThroughProvider(w, strong, { email: 'lou@clinic.example' });
    expect((await me(w, strong)).body).toMatchObject({ stage: 'full', user: { roles: ['designer'] } });

    w.idp.accounts.get('lou@clinic.example')!.amr = ['pwd'];
    const weak = new CookieJar();
    const { landing } = await signInThroughProvider(w, weak, { email: 'lou@clinic.example' });
    expect(landed(landing)).toBe('/');
    // No authenticator yet and none asserted: enrol first, as after a password.
    expect((await me(w, weak)).body.stage).toBe('enroll');
    expect((await weak.fetch(`${w.base}/api/tasks?scope=pool`)).status).toBe(403);
  });

  it('asks an account with an authenticator for its code after a password-only provider sign-in', async () => {
    // A local account whose username is the person's verified email at the provider: linked by it.
    await w.t.addUser('ann@clinic.example', ['designer']);
    await w.t.login('ann@clinic.example'); // enrols an authenticator, as the person once did
    const secret = w.t.totpSecret('ann@clinic.example')!;
    w.addAccount({
      sub: 'p-ann',
      email: 'ann@clinic.example',
      emailVerified: true,
      groups: ['practice-leads'],
    });
    const jar = new CookieJar();
    await signInThroughProvider(w, jar, { email: 'ann@clinic.example' });
    const half = await me(w, jar);
    expect(half.body.stage).toBe('totp');
    expect(half.body.user.username).toBe('ann@clinic.example');
    // The existing second-factor step finishes it.
    w.t.clock.advance(31_000);
    const verify = await jar.fetch(`${w.base}/api/auth/totp/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': half.body.csrfToken },
      body: JSON.stringify({ code: totpCode(secret, Date.parse(w.t.clock.now())) }),
    });
    expect(verify.status).toBe(200);
    expect((await me(w, jar)).body.stage).toBe('full');
    expect(await accessDetails(w)).toContain('allow single sign-on: linked by verified email; next: totp');
  });

  it('never links by an email the provider has not verified', async () => {
    const uma = await w.t.addUser('uma@clinic.example', ['triage-nurse']);
    w.addAccount({
      sub: 'p-uma-claimed',
      email: 'uma@clinic.example',
      emailVerified: false,
      groups: ['clinic-nurses'],
    });
    const jar = new CookieJar();
    await signInThroughProvider(w, jar, { email: 'uma@clinic.example' });
    // The groups map to a role, so the person gets an account of their own, never the one named by that email.
    const who = await me(w, jar);
    expect(who.body.user.username).not.toBe('uma@clinic.example');
    const linked = await w.t.store.findSsoIdentity({ issuer: w.idp.issuer, subject: 'p-uma-claimed' });
    expect(linked).not.toBeNull();
    expect(linked).not.toBe(uma.id);
  });

  it('refuses an answer whose state was altered on the way back', async () => {
    w.addAccount({
      sub: 'p-sam',
      email: 'sam@clinic.example',
      emailVerified: true,
      groups: ['clinic-nurses'],
    });
    const jar = new CookieJar();
    const { landing } = await signInThroughProvider(
      w,
      jar,
      { email: 'sam@clinic.example' },
      { callback: (u) => u.searchParams.set('state', 'not-the-state-we-sent') },
    );
    expect(landed(landing)).toBe('/?sso_error=SSO_RESPONSE_INVALID');
    expect((await me(w, jar)).status).toBe(401);
  });

  it('refuses an ID Token whose nonce is not the one this sign-in sent', async () => {
    const jar = new CookieJar();
    const { landing } = await signInThroughProvider(
      w,
      jar,
      { email: 'sam@clinic.example' },
      { authorize: (u) => u.searchParams.set('nonce', 'a-nonce-an-attacker-chose') },
    );
    expect(landed(landing)).toBe('/?sso_error=SSO_RESPONSE_INVALID');
    expect((await me(w, jar)).status).toBe(401);
  });

  it('refuses a callback in a browser that did not start the sign-in', async () => {
    // The code is taken from the victim's way back and replayed in another browser.
    const { callbackUrl } = await signInThroughProvider(
      w,
      new CookieJar(),
      { email: 'sam@clinic.example' },
      { hold: true },
    );
    const other = new CookieJar();
    const res = await other.fetch(callbackUrl);
    expect(res.headers.get('location')).toBe('/?sso_error=SSO_LOGIN_EXPIRED');
    expect((await me(w, other)).status).toBe(401);
  });

  it('finishes a sign-in once when its callback arrives several times at once', async () => {
    const jar = new CookieJar();
    const { callbackUrl } = await signInThroughProvider(
      w,
      jar,
      { email: 'sam@clinic.example' },
      { hold: true },
    );
    const cookie = jar.header(w.base);
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => fetch(callbackUrl, { headers: { cookie }, redirect: 'manual' })),
    );
    const where = answers.map((r) => r.headers.get('location'));
    expect(where.filter((l) => l === '/')).toHaveLength(1);
    expect(where.filter((l) => l === '/?sso_error=SSO_LOGIN_EXPIRED')).toHaveLength(5);
    expect(
      answers.filter((r) =>
        r.headers.getSetCookie().some((c) => c.startsWith('pf_session=') && !c.startsWith('pf_session=;')),
      ),
    ).toHaveLength(1);
  });

  it('keeps codes and tokens out of logs and the access log', async () => {
    const { callbackUrl } = await signInThroughProvider(w, new CookieJar(), { email: 'nora@clinic.example' });
    const code = new URL(callbackUrl).searchParams.get('code')!;
    expect(code.length).toBeGreaterThan(10);
    const everything = [...w.t.logs, ...(await accessDetails(w))].join('\n');
    expect(everything).not.toContain(code);
    expect(everything).not.toMatch(/eyJ[\w-]+\.eyJ/); // no JWT
    expect(everything).not.toContain('nora@clinic.example');
  });

  it('signs out locally and offers the provider’s sign-out', async () => {
    const jar = new CookieJar();
    await signInThroughProvider(w, jar, { email: 'nora@clinic.example' });
    const res = await jar.fetch(`${w.base}/api/auth/logout`, {
      method: 'POST',
      headers: { ...(await sessionHeaders(w, jar)), 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { providerLogoutUrl: string };
    const end = new URL(body.providerLogoutUrl);
    expect(end.origin).toBe(w.idp.issuer);
    expect(end.searchParams.get('client_id')).toBe(w.idp.clientId);
    expect(end.searchParams.get('post_logout_redirect_uri')).toBe(`${w.base}/`);
    expect((await me(w, jar)).status).toBe(401);
    // The provider accepts it: its sign-out page answers.
    expect((await jar.fetch(end.href)).status).toBe(200);
    // A password account signs out with no provider step.
    const local = await w.t.call('POST', '/api/auth/logout', { as: await w.t.login('admin') });
    expect(local.body).toEqual({ ok: true, providerLogoutUrl: null });
  });
});

describe('the group mapping', () => {
  let w: SsoWorld;
  beforeAll(async () => {
    w = await ssoWorld();
  });
  afterAll(() => w.close());

  it('is edited by admins only, with known roles only, and every change is kept old → new', async () => {
    const admin = await w.t.session('admin');
    const put = (as: Record<string, string>, mapping: unknown) =>
      w.t.call('PUT', '/api/sso/groups', { as, body: { mapping } });
    expect((await put(await w.t.session('lead'), [])).status).toBe(403);
    const unknown = await put(admin, [{ group: 'g', roles: ['no-such-role'] }]);
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.code).toBe('UNKNOWN_ROLE');
    expect((await w.t.call('GET', '/api/sso/groups', { as: admin })).body.mapping).toEqual([]);

    await put(admin, [{ group: 'nurses', roles: ['triage-nurse'] }]);
    const second = await put(admin, [
      { group: 'nurses', roles: ['triage-nurse', 'billing-specialist'] },
      { group: 'leads', roles: ['designer'] },
    ]);
    expect(second.status).toBe(200);
    expect(second.body.mapping).toEqual([
      { group: 'leads', roles: ['designer'] },
      { group: 'nurses', roles: ['billing-specialist', 'triage-nurse'] },
    ]);
    // Saving the same again adds no trail row.
    await put(admin, second.body.mapping);
    const view = await w.t.call('GET', '/api/sso/groups', { as: admin });
    expect(view.body.provider).toEqual({ name: 'Clinic Directory', groupsClaim: 'groups' });
    expect(
      view.body.changes.map((c: { oldValue: string; newValue: string }) => [c.oldValue, c.newValue]),
    ).toEqual([
      [
        '{"nurses":["triage-nurse"]}',
        '{"leads":["designer"],"nurses":["billing-specialist","triage-nurse"]}',
      ],
      ['{}', '{"nurses":["triage-nurse"]}'],
    ]);
    expect(view.body.changes[0].actorId).toBe(w.t.user('admin').id);
  });

  it('keeps its trail append-only in the database itself', async () => {
    const db = createClient({ url: w.t.dbUrl });
    try {
      await expect(db.execute('UPDATE sso_mapping_changes SET new_value = ?', ['{}'])).rejects.toThrow(
        /append-only/,
      );
      await expect(db.execute('DELETE FROM sso_mapping_changes')).rejects.toThrow(/append-only/);
    } finally {
      db.close();
    }
  });

  it('records exactly what each of two admins saving at once replaced', async () => {
    const admin = await w.t.session('admin');
    const before = (await w.t.call('GET', '/api/sso/groups', { as: admin })).body.changes.length;
    const bodies = ['a', 'b', 'c', 'd'].map((g) => ({ mapping: [{ group: g, roles: ['triage-nurse'] }] }));
    const results = await Promise.all(
      bodies.map((body) => w.t.call('PUT', '/api/sso/groups', { as: admin, body })),
    );
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    const changes = (await w.t.call('GET', '/api/sso/groups', { as: admin })).body.changes
      .slice(0, 4)
      .reverse();
    expect(changes).toHaveLength(4);
    expect(before + 4).toBe((await w.t.store.listSsoMappingChanges()).length);
    // The trail is a chain: each change starts from what the one before it left.
    for (let i = 1; i < changes.length; i++) expect(changes[i].oldValue).toBe(changes[i - 1].newValue);
  });
});

describe('single sign-on throttling', () => {
  let w: SsoWorld;
  beforeAll(async () => {
    w = await ssoWorld({ loginFreeFailures: 3, publicRateLimit: { limit: 4, windowMs: 60_000 } });
  });
  afterAll(() => w.close());

  it('counts a burst of bad callbacks from one client as if sent one by one', async () => {
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        fetch(`${w.base}/api/auth/oidc/callback?code=guess&state=guess`, { redirect: 'manual' }),
      ),
    );
    const where = answers.map((r) => r.headers.get('location'));
    expect(where.filter((l) => l === '/?sso_error=SSO_LOGIN_EXPIRED')).toHaveLength(3);
    expect(where.filter((l) => l === '/?sso_error=TOO_MANY_ATTEMPTS')).toHaveLength(7);
  });

  it('limits how many sign-ins one client may start, so strangers cannot fill the table', async () => {
    const answers = await Promise.all(
      Array.from({ length: 9 }, () => fetch(`${w.base}/api/auth/oidc/start`, { redirect: 'manual' })),
    );
    expect(answers.filter((r) => r.status === 302)).toHaveLength(4);
    const refused = answers.filter((r) => r.status === 429);
    expect(refused).toHaveLength(5);
    expect(((await refused[0]!.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
  });
});

describe('single sign-on with a client secret the provider does not accept', () => {
  let w: SsoWorld;
  beforeAll(async () => {
    w = await ssoWorld({}, { PORTALFLOW_OIDC_CLIENT_SECRET: 'not-the-secret-the-provider-has' });
    await w.mapGroups({ 'clinic-nurses': ['triage-nurse'] });
  });
  afterAll(() => w.close());

  it('tells the person it is a set-up problem and tells the server which settings to check', async () => {
    w.addAccount({
      sub: 'p-sam',
      email: 'sam@clinic.example',
      emailVerified: true,
      groups: ['clinic-nurses'],
    });
    const jar = new CookieJar();
    const { landing } = await signInThroughProvider(w, jar, { email: 'sam@clinic.example' });
    // Trying again cannot help: the provider refuses this app, not the person.
    expect(landed(landing)).toBe('/?sso_error=SSO_CLIENT_REJECTED');
    expect((await me(w, jar)).status).toBe(401);
    const line = w.t.logs.find((l) => l.includes('SSO_CLIENT_REJECTED'));
    expect(line).toContain('invalid_client');
    expect(line).toContain('PORTALFLOW_OIDC_CLIENT_ID');
    expect(line).toContain('PORTALFLOW_OIDC_CLIENT_SECRET');
    expect(line).not.toContain('not-the-secret-the-provider-has');
    expect(await accessDetails(w)).toContainEqual(
      expect.stringMatching(/^deny single sign-on: .*invalid_client/),
    );
  });
});

describe('single sign-on when it is not set up', () => {
  it('offers no provider and refuses its routes', async () => {
    const { makeApp } = await import('./support/app.ts');
    const t = await makeApp({ config: { sso: null }, publish: false });
    try {
      expect((await t.call('GET', '/api/auth/oidc')).body).toEqual({ provider: null });
      const start = await t.call('GET', '/api/auth/oidc/start');
      expect(start.status).toBe(404);
      expect(start.body.error.code).toBe('SSO_NOT_CONFIGURED');
    } finally {
      await t.close();
    }
  });
});

describe('single sign-on settings', () => {
  const base = {
    PORTALFLOW_OIDC_ISSUER: 'https://login.clinic.example/realms/staff',
    PORTALFLOW_OIDC_CLIENT_ID: 'portalflow',
    PORTALFLOW_OIDC_REDIRECT_URI: 'https://portal.clinic.example/api/auth/oidc/callback',
  };

  it('are off without an issuer, with defaults for everything optional', async () => {
    const { ssoConfigFromEnv } = await import('../src/sso/config.ts');
    expect(ssoConfigFromEnv({})).toBeNull();
    expect(ssoConfigFromEnv(base)).toEqual({
      issuer: 'https://login.clinic.example/realms/staff',
      clientId: 'portalflow',
      clientSecret: null,
      redirectUri: 'https://portal.clinic.example/api/auth/oidc/callback',
      providerName: 'single sign-on',
      groupsClaim: 'groups',
      scopes: 'openid email profile',
      mfaAmr: ['mfa', 'otp', 'hwk'],
      postLogoutRedirectUri: 'https://portal.clinic.example/',
      loginTtlMs: 600_000,
    });
    expect(ssoConfigFromEnv({ ...base, PORTALFLOW_OIDC_SCOPES: 'email groups' })?.scopes).toBe(
      'openid email groups',
    );
  });

  it('refuse a half-made setup, naming what is missing', async () => {
    const { ssoConfigFromEnv } = await import('../src/sso/config.ts');
    expect(() => ssoConfigFromEnv({ PORTALFLOW_OIDC_ISSUER: base.PORTALFLOW_OIDC_ISSUER })).toThrow(
      /PORTALFLOW_OIDC_CLIENT_ID and PORTALFLOW_OIDC_REDIRECT_URI/,
    );
    expect(() => ssoConfigFromEnv({ PORTALFLOW_OIDC_CLIENT_ID: 'x' })).toThrow(
      /without PORTALFLOW_OIDC_ISSUER/,
    );
    expect(() => ssoConfigFromEnv({ ...base, PORTALFLOW_OIDC_REDIRECT_URI: '/callback' })).toThrow(
      /PORTALFLOW_OIDC_REDIRECT_URI must be an absolute URL/,
    );
    expect(() => ssoConfigFromEnv({ ...base, PORTALFLOW_OIDC_LOGIN_MINUTES: '0' })).toThrow(
      /PORTALFLOW_OIDC_LOGIN_MINUTES/,
    );
  });

  it('send the browser back to the sign-in page when the provider cannot be reached, and log why', async () => {
    const { makeApp } = await import('./support/app.ts');
    const { ssoConfigFromEnv } = await import('../src/sso/config.ts');
    // A port nothing listens on (one that was free a moment ago; fetch refuses well-known ones outright).
    const issuer = `http://127.0.0.1:${await closedPort()}`;
    const t = await makeApp({
      publish: false,
      config: {
        sso: ssoConfigFromEnv({
          PORTALFLOW_OIDC_ISSUER: issuer,
          PORTALFLOW_OIDC_CLIENT_ID: 'portalflow',
          PORTALFLOW_OIDC_REDIRECT_URI: 'http://127.0.0.1:1/api/auth/oidc/callback',
        }),
      },
    });
    try {
      // The button is a link: a JSON error here would be a page of JSON with no way back.
      const start = await t.call('GET', '/api/auth/oidc/start');
      expect(start.status).toBe(302);
      expect(start.headers.get('location')).toBe('/?sso_error=SSO_PROVIDER_UNREACHABLE');
      expect(start.headers.get('set-cookie')).toBeNull();
      // Whoever runs the server learns which address failed and how, in words.
      const line = t.logs.find((l) => l.startsWith('single sign-on'));
      expect(line).toContain(issuer);
      expect(line).toMatch(/connection refused/i);
      expect(line).not.toMatch(/TypeError/);
      const db = createClient({ url: t.dbUrl });
      try {
        expect((await db.execute('SELECT count(*) AS n FROM sso_logins')).rows[0]?.n).toBe(0);
      } finally {
        db.close();
      }
    } finally {
      await t.close();
    }
  });
});
