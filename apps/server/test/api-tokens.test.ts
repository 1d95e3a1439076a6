import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, exampleStart, makeApp, type TestApp } from './support/app.ts';

/**
 * API tokens end: they expire, are revoked by their owner and by admins, end with the account's
 * sessions when its password, roles or second factor change or it is disabled, carry a scope, never
 * mint tokens, and work for privileged roles only once a second factor is enrolled.
 */

const TRIAGE = 'portal-message-triage';
const DAY = 24 * 3600_000;

let t: TestApp;
beforeAll(async () => {
  // Non-default lifetimes: both are read from the server config.
  t = await makeApp({ config: { apiTokenDefaultMs: 7 * DAY, apiTokenMaxMs: 60 * DAY } });
});
afterAll(() => t?.close());

const me = (as: AuthHeaders) => t.call('GET', '/api/me', { as });
const bearer = (secret: string): AuthHeaders => ({ authorization: `Bearer ${secret}` });
let n = 0;

/** A fresh account with these roles, signed in, holding a new token made through the API. */
async function holder(roles: string[], scope: 'read' | 'act' = 'act', lifetimeDays?: number) {
  const user = await t.addUser(`holder-${++n}`, roles);
  const session = await t.login(user.username);
  const made = await t.call('POST', '/api/tokens', {
    as: session,
    body: { name: `script ${n}`, scope, ...(lifetimeDays ? { lifetimeDays } : {}) },
  });
  expect(made.status, made.text).toBe(201);
  return { user, session, token: made.body.token, as: bearer(made.body.secret) };
}

async function adminPatch(userId: string, body: unknown) {
  const res = await t.call('PATCH', `/api/users/${userId}`, { as: await t.login('admin'), body });
  expect(res.status, res.text).toBe(200);
}

describe('account changes end tokens as they end sessions', () => {
  it('a new password set by an admin ends the tokens', async () => {
    const { user, as } = await holder(['front-desk']);
    expect((await me(as)).status).toBe(200);
    await adminPatch(user.id, { password: 'a brand new long password' });
    const after = await me(as);
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('UNAUTHENTICATED');
  });

  // Raised to admin without a second factor: admin needs two-factor sign-in, so the tokens end.
  it('a role change to a role that needs two-factor sign-in ends the tokens: a token never reaches admin routes after its owner is raised', async () => {
    const { user, as } = await holder(['front-desk']);
    expect((await t.call('GET', '/api/users', { as })).status).toBe(403);
    await adminPatch(user.id, { roles: ['admin'] });
    const users = await t.call('GET', '/api/users', { as });
    expect(users.status).toBe(401);
    expect(users.text).not.toContain('"username"');
    expect((await me(as)).status).toBe(401);
  });

  it('a two-factor reset ends the tokens', async () => {
    const { user, as } = await holder(['designer']);
    expect((await t.call('GET', '/api/definitions', { as })).status).toBe(200);
    await adminPatch(user.id, { resetTwoFactor: true });
    expect((await t.call('GET', '/api/definitions', { as })).status).toBe(401);
  });

  it('disabling the account ends the tokens, and enabling it again does not revive them', async () => {
    const { user, as } = await holder(['front-desk']);
    await adminPatch(user.id, { disabled: true });
    expect((await me(as)).status).toBe(401);
    await adminPatch(user.id, { disabled: false });
    expect((await me(as)).status).toBe(401);
  });

  it('the tokens list says when and why each ended', async () => {
    const { user, session, token } = await holder(['front-desk']);
    await adminPatch(user.id, { roles: ['auditor'] });
    const admin = await t.login('admin');
    const listed = await t.call('GET', `/api/users/${user.id}/tokens`, { as: admin });
    expect(listed.status).toBe(200);
    expect(listed.body.tokens).toMatchObject([{ id: token.id, status: 'revoked', revokedReason: 'roles' }]);
    // The owner's own session ended too.
    expect((await me(session)).status).toBe(401);
  });

  it('a role change that needs no second factor ends nothing: the token acts with the new roles', async () => {
    const { user, session, as } = await holder(['front-desk']);
    await adminPatch(user.id, { roles: ['front-desk', 'scheduler'] });
    const after = await me(as);
    expect(after.status).toBe(200);
    expect(after.body.user.roles).toEqual(['front-desk', 'scheduler']);
    expect((await me(session)).status).toBe(200);
  });
});

describe('privileged roles and tokens', () => {
  it('a privileged account without an authenticator cannot use a token at all', async () => {
    // A token from before these rules (made in the store) of a designer who never enrolled.
    const user = await t.addUser(`designer-${++n}`, ['designer']);
    const { secret } = await t.store.createApiToken({
      userId: user.id,
      name: 'old script',
      expiresAt: new Date(Date.parse(t.clock.now()) + DAY).toISOString(),
    });
    for (const [method, path] of [
      ['GET', '/api/definitions'],
      ['GET', '/api/tasks?scope=all'],
      ['POST', '/api/definitions'],
    ] as const) {
      const res = await t.call(method, path, {
        as: bearer(secret),
        ...(method === 'POST' ? { body: { definition: {} } } : {}),
      });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.error.code).toBe('TOTP_ENROLLMENT_REQUIRED');
    }
  });

  it('creating a token needs a fully signed-in session: not a half-finished sign-in', async () => {
    const user = await t.addUser(`auditor-${++n}`, ['auditor']);
    const half = await t.passwordOnly(user.username);
    expect(half.stage).toBe('enroll');
    const res = await t.call('POST', '/api/tokens', { as: half, body: { name: 'x', scope: 'read' } });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('TOTP_ENROLLMENT_REQUIRED');
    expect(await t.store.listApiTokens(user.id)).toEqual([]);
  });

  it('a token cannot create tokens', async () => {
    const { user, as } = await holder(['triage-nurse']);
    const res = await t.call('POST', '/api/tokens', { as, body: { name: 'offspring', scope: 'act' } });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('TOKEN_CANNOT_CREATE_TOKENS');
    expect(await t.store.listApiTokens(user.id)).toHaveLength(1);
  });
});

describe('scope', () => {
  it('a read-only token reads, and is refused with TOKEN_READ_ONLY on every unsafe method', async () => {
    const { user, as } = await holder(['medical-assistant'], 'read');
    expect((await t.call('GET', '/api/tasks', { as })).status).toBe(200);
    const before = (await t.store.listInstances({ limit: 500 })).items.length;
    for (const [method, path, body] of [
      ['POST', '/api/instances', { definitionId: TRIAGE, data: exampleStart(TRIAGE) }],
      ['POST', '/api/notifications/read', { ids: [] }],
      ['PATCH', `/api/users/${user.id}`, { displayName: 'x' }],
      ['DELETE', '/api/tokens/any', undefined],
      ['PUT', '/api/definitions/x', {}],
    ] as const) {
      const res = await t.call(method, path, { as, ...(body ? { body } : {}) });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.error.code).toBe('TOKEN_READ_ONLY');
    }
    expect((await t.store.listInstances({ limit: 500 })).items.length).toBe(before);
  });

  it('an act token acts', async () => {
    const { as } = await holder(['medical-assistant'], 'act');
    const started = await t.call('POST', '/api/instances', {
      as,
      body: { definitionId: TRIAGE, data: exampleStart(TRIAGE) },
    });
    expect(started.status).toBe(201);
  });

  it("an act token cannot send its owner's emails elsewhere: the address changes only signed in", async () => {
    const { session, as } = await holder(['front-desk'], 'act');
    const prefs = (address: string | null) => ({
      address,
      assigned: true,
      escalated: true,
      overdue: true,
      digest: false,
      quietStart: null,
      quietEnd: null,
    });
    const own = await t.call('PUT', '/api/email-preferences', {
      as: session,
      body: prefs('dana@clinic.example'),
    });
    expect(own.status, own.text).toBe(200);
    const moved = await t.call('PUT', '/api/email-preferences', {
      as,
      body: prefs('someone@elsewhere.example'),
    });
    expect(moved.status, moved.text).toBe(403);
    expect(moved.body.error.code).toBe('SESSION_REQUIRED');
    const cleared = await t.call('PUT', '/api/email-preferences', { as, body: prefs(null) });
    expect(cleared.status, cleared.text).toBe(403);
    expect((await t.call('GET', '/api/email-preferences', { as: session })).body.preferences.address).toBe(
      'dana@clinic.example',
    );
    // What a script may still change: which emails come, at the same address.
    const quieter = await t.call('PUT', '/api/email-preferences', {
      as,
      body: { ...prefs('dana@clinic.example'), digest: true },
    });
    expect(quieter.status, quieter.text).toBe(200);
  });

  it('the scope must be chosen', async () => {
    const session = await t.login('front-desk');
    const res = await t.call('POST', '/api/tokens', { as: session, body: { name: 'no scope' } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
  });
});

describe('lifetime', () => {
  it('a token expires after the configured default lifetime', async () => {
    const { token, as } = await holder(['front-desk']);
    expect(Date.parse(token.expiresAt) - Date.parse(token.createdAt)).toBe(7 * DAY);
    t.clock.advance(7 * DAY - 60_000);
    expect((await me(as)).status).toBe(200);
    t.clock.advance(60_000);
    const expired = await me(as);
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('a shorter lifetime may be asked for; a longer one than the maximum is refused', async () => {
    const { token, as } = await holder(['front-desk'], 'read', 2);
    expect(Date.parse(token.expiresAt) - Date.parse(token.createdAt)).toBe(2 * DAY);
    t.clock.advance(2 * DAY);
    expect((await me(as)).status).toBe(401);

    const session = await t.login('front-desk');
    const tooLong = await t.call('POST', '/api/tokens', {
      as: session,
      body: { name: 'forever', scope: 'read', lifetimeDays: 61 },
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error).toMatchObject({ code: 'TOKEN_LIFETIME_TOO_LONG', details: { maxDays: 60 } });
    const longest = await t.call('POST', '/api/tokens', {
      as: session,
      body: { name: 'quarterly', scope: 'read', lifetimeDays: 60 },
    });
    expect(longest.status).toBe(201);
  });
});

describe('listing and revoking', () => {
  it('the owner lists tokens (status, last use, never a secret) and revokes one: 401 right after', async () => {
    const { session, token, as } = await holder(['scheduler']);
    expect((await me(as)).status).toBe(200);
    const listed = await t.call('GET', '/api/tokens', { as: session });
    expect(listed.body.tokens).toMatchObject([
      { id: token.id, scope: 'act', status: 'active', lastUsedAt: t.clock.now() },
    ]);
    expect(listed.text).not.toMatch(/pft_|hash/);

    const revoked = await t.call('DELETE', `/api/tokens/${token.id}`, { as: session });
    expect(revoked.status).toBe(200);
    expect(revoked.body.token).toMatchObject({ id: token.id, status: 'revoked', revokedReason: 'owner' });
    expect((await me(as)).status).toBe(401);
    // Again: the same answer, nothing more happens.
    expect((await t.call('DELETE', `/api/tokens/${token.id}`, { as: session })).status).toBe(200);
  });

  it("nobody revokes another person's token through their own list: 404, and it keeps working", async () => {
    const { token, as } = await holder(['scheduler']);
    const other = await t.login('front-desk');
    const res = await t.call('DELETE', `/api/tokens/${token.id}`, { as: other });
    expect(res.status).toBe(404);
    expect((await me(as)).status).toBe(200);
  });

  it("an admin lists and revokes any account's tokens: 401 right after; others may not", async () => {
    const { user, token, as } = await holder(['billing-specialist']);
    const admin = await t.login('admin');
    const lead = await t.login('lead');
    expect((await t.call('GET', `/api/users/${user.id}/tokens`, { as: lead })).status).toBe(403);
    expect((await t.call('DELETE', `/api/users/${user.id}/tokens/${token.id}`, { as: lead })).status).toBe(
      403,
    );
    expect((await me(as)).status).toBe(200);

    const listed = await t.call('GET', `/api/users/${user.id}/tokens`, { as: admin });
    expect(listed.body.tokens.map((x: { id: string }) => x.id)).toEqual([token.id]);
    // The token must belong to the account in the path.
    const wrong = await t.call('DELETE', `/api/users/${t.user('lead').id}/tokens/${token.id}`, { as: admin });
    expect(wrong.status).toBe(404);
    const revoked = await t.call('DELETE', `/api/users/${user.id}/tokens/${token.id}`, { as: admin });
    expect(revoked.status).toBe(200);
    expect(revoked.body.token).toMatchObject({ status: 'revoked', revokedReason: 'admin' });
    expect((await me(as)).status).toBe(401);
  });

  it('every creation and revocation is in the access log, by who did it', async () => {
    const { user, session, token } = await holder(['front-desk']);
    await t.call('DELETE', `/api/tokens/${token.id}`, { as: session });
    const rows = (await t.store.listAccess({ userId: user.id, limit: 100 })).items;
    const details = rows.map((r) => `${r.action} ${r.outcome} ${r.detail}`);
    expect(details).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          new RegExp(`^POST /api/tokens allow created token ${token.id} \\(act, expires `),
        ),
        `DELETE /api/tokens/:id allow revoked token ${token.id} of ${user.id} (owner)`,
      ]),
    );
    const second = await t.call('POST', '/api/tokens', { as: session, body: { name: 'b', scope: 'read' } });
    await t.call('DELETE', `/api/users/${user.id}/tokens/${second.body.token.id}`, {
      as: await t.login('admin'),
    });
    const byAdmin = (await t.store.listAccess({ userId: t.user('admin').id, limit: 1000 })).items;
    expect(byAdmin.map((r) => r.detail)).toContain(
      `revoked token ${second.body.token.id} of ${user.id} (admin)`,
    );
  });
});
