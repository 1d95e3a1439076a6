import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/index.ts';
import type { NewHarness, StoreHarness } from '../support/harness.ts';
import { at } from '../support/workflow.ts';

export function accountCases(newHarness: NewHarness): void {
  describe('accounts, sessions and tokens', () => {
    let h: StoreHarness;
    beforeEach(async () => {
      h = await newHarness();
    });
    afterEach(() => h.close());

    it('creates users with roles; usernames are unique regardless of case', async () => {
      const created = await h.store.createUser({
        username: 'Nurse.Kim',
        passwordHash: 'scrypt$x',
        roles: ['nurse', 'nurse', 'supervisor'],
        at: at(0),
      });
      expect(created).toMatchObject({
        ok: true,
        user: {
          username: 'Nurse.Kim',
          displayName: 'Nurse.Kim',
          roles: ['nurse', 'supervisor'],
          disabled: false,
          createdAt: at(0),
        },
      });
      expect(await h.store.createUser({ username: 'nurse.kim', passwordHash: 'y' })).toEqual({
        ok: false,
        reason: 'username-taken',
      });
      if (!created.ok) return;
      expect(await h.store.createUser({ id: created.user.id, username: 'other', passwordHash: 'y' })).toEqual(
        { ok: false, reason: 'id-taken' },
      );

      expect(await h.store.findUserByUsername('NURSE.KIM')).toMatchObject({
        id: created.user.id,
        passwordHash: 'scrypt$x',
      });
      expect(await h.store.getUser(created.user.id)).not.toHaveProperty('passwordHash');
      expect(await h.store.setUserRoles(created.user.id, ['provider'])).toBe(true);
      expect((await h.store.getUser(created.user.id))?.roles).toEqual(['provider']);
      expect(await h.store.setUserRoles('ghost', ['provider'])).toBe(false);
      expect(
        await h.store.updateUser(created.user.id, { displayName: 'Kim, RN', passwordHash: 'scrypt$z' }),
      ).toMatchObject({ displayName: 'Kim, RN' });
      expect((await h.store.findUserByUsername('nurse.kim'))?.passwordHash).toBe('scrypt$z');
      expect((await h.store.listUsers()).map((u) => u.username)).toEqual(['Nurse.Kim']);
    });

    it('stores only the hash of a session secret and honours expiry and revocation', async () => {
      const created = await h.store.createUser({ username: 'ana', passwordHash: 'x', roles: ['front-desk'] });
      if (!created.ok) throw new Error('user');
      const { secret, session } = await h.store.createSession({
        userId: created.user.id,
        ttlMs: 3_600_000,
        at: at(0),
      });
      expect(session.id).toBe(sha256Hex(secret));
      expect(await h.sql('SELECT id FROM sessions')).toEqual([{ id: session.id }]);

      expect(await h.store.getSession(secret, at(30))).toMatchObject({
        session: { id: session.id, expiresAt: at(60) },
        user: { username: 'ana', roles: ['front-desk'] },
      });
      expect(await h.store.getSession(secret, at(61))).toBeNull();
      expect(await h.store.touchSession(session.id, { at: at(50), expiresAt: at(120) })).toBe(true);
      expect(await h.store.getSession(secret, at(61))).toMatchObject({ session: { lastSeenAt: at(50) } });
      expect(await h.store.getSession('not-a-secret', at(0))).toBeNull();

      expect(await h.store.revokeSession(session.id)).toBe(true);
      expect(await h.store.getSession(secret, at(61))).toBeNull();
      const two = await Promise.all(
        [1, 2].map(() => h.store.createSession({ userId: created.user.id, ttlMs: 1000 })),
      );
      expect(
        await h.store.endUserSessions({
          userId: created.user.id,
          actorId: null,
          at: new Date().toISOString(),
        }),
      ).toBe(2);
      expect(await h.store.getSession(two[0]!.secret)).toBeNull();
    });

    it('finds API tokens by secret; disabling a user ends their sessions and tokens', async () => {
      const created = await h.store.createUser({ username: 'bot', passwordHash: 'x', roles: ['designer'] });
      if (!created.ok) throw new Error('user');
      const { secret, token } = await h.store.createApiToken({
        userId: created.user.id,
        name: 'ci',
        expiresAt: '2999-01-01T00:00:00.000Z',
      });
      expect(secret).toMatch(/^pft_/);
      expect(await h.store.findApiToken(secret)).toMatchObject({
        token: { id: token.id, name: 'ci' },
        user: { username: 'bot', roles: ['designer'] },
      });
      const session = await h.store.createSession({ userId: created.user.id, ttlMs: 3_600_000 });

      expect(await h.store.disableUser(created.user.id)).toBe(true);
      expect(await h.store.findApiToken(secret)).toBeNull();
      expect(await h.store.getSession(session.secret)).toBeNull();
      expect(await h.store.listApiTokens(created.user.id)).toMatchObject([
        { id: token.id, revoked: true, revokedReason: 'disabled' },
      ]);
      expect(await h.store.disableUser('ghost')).toBe(false);

      await h.store.updateUser(created.user.id, { disabled: false });
      const again = await h.store.createApiToken({
        userId: created.user.id,
        name: 'ci2',
        expiresAt: '2999-01-01T00:00:00.000Z',
      });
      expect(await h.store.findApiToken(again.secret)).not.toBeNull();
      expect(await h.store.revokeApiToken(again.token.id)).toBe(true);
      expect(await h.store.findApiToken(again.secret)).toBeNull();
    });

    it('API tokens carry a scope and an expiry, are listed newest first, and end with a reason', async () => {
      const created = await h.store.createUser({
        username: 'integrator',
        passwordHash: 'x',
        roles: ['nurse'],
      });
      if (!created.ok) throw new Error('user');
      const userId = created.user.id;
      const read = await h.store.createApiToken({
        userId,
        name: 'reports',
        scope: 'read',
        expiresAt: at(60),
        at: at(0),
      });
      const act = await h.store.createApiToken({ userId, name: 'intake', expiresAt: at(120), at: at(1) });
      expect(read.token).toMatchObject({
        scope: 'read',
        expiresAt: at(60),
        lastUsedAt: null,
        revokedAt: null,
      });
      expect(act.token.scope).toBe('act');

      expect(await h.store.findApiToken(read.secret, at(59))).toMatchObject({ twoFactor: false });
      expect(await h.store.findApiToken(read.secret, at(60))).toBeNull();
      expect(await h.store.touchApiToken(act.token.id, at(5))).toBe(true);
      expect((await h.store.getApiToken(act.token.id))?.lastUsedAt).toBe(at(5));
      expect((await h.store.listApiTokens(userId)).map((t) => t.name)).toEqual(['intake', 'reports']);

      expect(await h.store.revokeApiToken(act.token.id, { at: at(6), reason: 'owner' })).toBe(true);
      expect(await h.store.revokeApiToken(act.token.id, { at: at(7), reason: 'admin' })).toBe(false);
      expect(await h.store.getApiToken(act.token.id)).toMatchObject({
        revoked: true,
        revokedAt: at(6),
        revokedReason: 'owner',
      });
      expect(await h.store.findApiToken(act.secret, at(8))).toBeNull();
      expect(await h.store.getApiToken('no-such-token')).toBeNull();
    });

    it('revokeUserAccess ends every session and token of the account in one batch', async () => {
      const created = await h.store.createUser({ username: 'promoted', passwordHash: 'x', roles: ['nurse'] });
      if (!created.ok) throw new Error('user');
      const userId = created.user.id;
      const session = await h.store.createSession({ userId, ttlMs: 3_600_000 });
      const tokens = await Promise.all(
        ['a', 'b'].map((name) => h.store.createApiToken({ userId, name, expiresAt: at(600) })),
      );
      expect(await h.store.revokeUserAccess(userId, { at: at(3), reason: 'roles' })).toEqual({
        sessions: 1,
        tokens: 2,
      });
      expect(await h.store.getSession(session.secret)).toBeNull();
      for (const { secret } of tokens) expect(await h.store.findApiToken(secret, at(4))).toBeNull();
      expect(await h.store.listApiTokens(userId)).toMatchObject([
        { revokedAt: at(3), revokedReason: 'roles' },
        { revokedAt: at(3), revokedReason: 'roles' },
      ]);
    });

    it('a token already found ends the moment another connection revokes it or changes its owner', async () => {
      const created = await h.store.createUser({ username: 'kept', passwordHash: 'x', roles: ['nurse'] });
      if (!created.ok) throw new Error('user');
      const userId = created.user.id;
      const make = async (name: string) =>
        (await h.store.createApiToken({ userId, name, expiresAt: at(600) })).secret;
      const find = (secret: string) => h.store.findApiToken(secret, at(1));
      const epoch = async () => (await h.sql('SELECT n FROM auth_epoch'))[0]?.n;

      // Each change is written on another connection, as another server process would.
      let secret = await make('revoked');
      expect(await find(secret)).not.toBeNull();
      await h.sql('UPDATE api_tokens SET revoked = 1 WHERE user_id = ?', [userId]);
      expect(await find(secret)).toBeNull();

      secret = await make('re-scoped');
      expect((await find(secret))?.token.scope).toBe('act');
      await h.sql("UPDATE api_tokens SET scope = 'read' WHERE user_id = ? AND revoked = 0", [userId]);
      expect((await find(secret))?.token.scope).toBe('read');
      await h.sql('UPDATE api_tokens SET expires_at = ? WHERE user_id = ?', [at(1), userId]);
      expect(await find(secret)).toBeNull();

      secret = await make('roles');
      expect((await find(secret))?.user.roles).toEqual(['nurse']);
      await h.sql("INSERT INTO user_roles (user_id, role) VALUES (?, 'supervisor')", [userId]);
      expect((await find(secret))?.user.roles).toEqual(['nurse', 'supervisor']);
      await h.sql("DELETE FROM user_roles WHERE user_id = ? AND role = 'nurse'", [userId]);
      expect((await find(secret))?.user.roles).toEqual(['supervisor']);

      expect((await find(secret))?.twoFactor).toBe(false);
      await h.sql(
        "INSERT INTO totp_secrets (user_id, secret, created_at, confirmed_at) VALUES (?, 'JBSWY3DPEHPK3PXP', ?, ?)",
        [userId, at(0), at(0)],
      );
      expect((await find(secret))?.twoFactor).toBe(true);
      await h.sql('DELETE FROM totp_secrets WHERE user_id = ?', [userId]);
      expect((await find(secret))?.twoFactor).toBe(false);

      await h.sql('UPDATE users SET disabled = 1 WHERE id = ?', [userId]);
      expect(await find(secret)).toBeNull();
      await h.sql('UPDATE users SET disabled = 0 WHERE id = ?', [userId]);
      expect(await find(secret)).not.toBeNull();

      // Noting use is not a change of who the token stands for, and is seen without another lookup.
      const before = await epoch();
      const found = await find(secret);
      expect(await h.store.touchApiToken(found!.token.id, at(2))).toBe(true);
      expect(await epoch()).toBe(before);
      expect((await find(secret))?.token.lastUsedAt).toBe(at(2));
    });

    it('a session already found ends the moment another connection ends it, and never reads as idle longer than it is', async () => {
      const created = await h.store.createUser({
        username: 'signed-in',
        passwordHash: 'x',
        roles: ['nurse'],
      });
      if (!created.ok) throw new Error('user');
      const userId = created.user.id;
      const open = async () => (await h.store.createSession({ userId, ttlMs: 3_600_000, at: at(0) })).secret;
      const get = (secret: string, minute = 0) =>
        h.store.getSession(secret, new Date(Date.parse(at(0)) + minute * 60_000 + 1000).toISOString());
      const epoch = async () => (await h.sql('SELECT n FROM auth_epoch'))[0]?.n;

      let secret = await open();
      expect(await get(secret)).not.toBeNull();
      await h.sql('UPDATE sessions SET revoked = 1 WHERE user_id = ?', [userId]);
      expect(await get(secret)).toBeNull();

      secret = await open();
      expect((await get(secret))?.session.stage).toBe('full');
      await h.sql("UPDATE sessions SET stage = 'totp' WHERE user_id = ? AND revoked = 0", [userId]);
      expect((await get(secret))?.session.stage).toBe('totp');
      await h.sql("UPDATE sessions SET stage = 'full' WHERE user_id = ? AND revoked = 0", [userId]);
      await h.sql("DELETE FROM user_roles WHERE user_id = ? AND role = 'nurse'", [userId]);
      expect((await get(secret))?.user.roles).toEqual([]);
      await h.sql('UPDATE users SET disabled = 1 WHERE id = ?', [userId]);
      expect(await get(secret)).toBeNull();
      await h.sql('UPDATE users SET disabled = 0 WHERE id = ?', [userId]);

      // A use noted through this store is seen at once, and moves nothing.
      const found = await get(secret);
      const before = await epoch();
      expect(await h.store.touchSession(found!.session.id, { at: at(1) })).toBe(true);
      expect(await epoch()).toBe(before);
      expect((await get(secret, 1))?.session.lastSeenAt).toBe(at(1));
      // A use noted elsewhere (another process, as the server would after a minute) moves nothing
      // either; a kept copy a minute old is read again, so it is seen.
      await h.sql('UPDATE sessions SET last_seen_at = ? WHERE id = ?', [at(3), found!.session.id]);
      expect(await epoch()).toBe(before);
      expect((await get(secret, 3))?.session.lastSeenAt).toBe(at(3));
      await h.sql('DELETE FROM sessions WHERE id = ?', [found!.session.id]);
      expect(await get(secret, 3)).toBeNull();
    });

    it('findApiToken says whether the owner has a confirmed authenticator', async () => {
      const created = await h.store.createUser({ username: 'admin-2', passwordHash: 'x', roles: ['admin'] });
      if (!created.ok) throw new Error('user');
      const userId = created.user.id;
      const { secret } = await h.store.createApiToken({ userId, name: 'ops', expiresAt: at(600) });
      expect((await h.store.findApiToken(secret, at(1)))?.twoFactor).toBe(false);
      await h.store.setTotpSecret({ userId, secret: 'JBSWY3DPEHPK3PXP', at: at(1) });
      expect((await h.store.findApiToken(secret, at(1)))?.twoFactor).toBe(false);
      expect(await h.store.acceptTotpStep(userId, 1, { at: at(2) })).toBe(true);
      expect((await h.store.findApiToken(secret, at(3)))?.twoFactor).toBe(true);
    });
  });
}
