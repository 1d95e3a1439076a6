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
      expect(await h.store.revokeUserSessions(created.user.id)).toBe(2);
      expect(await h.store.getSession(two[0]!.secret)).toBeNull();
    });

    it('finds API tokens by secret; disabling a user ends their sessions and tokens', async () => {
      const created = await h.store.createUser({ username: 'bot', passwordHash: 'x', roles: ['admin'] });
      if (!created.ok) throw new Error('user');
      const { secret, token } = await h.store.createApiToken({ userId: created.user.id, name: 'ci' });
      expect(secret).toMatch(/^pft_/);
      expect(await h.store.findApiToken(secret)).toMatchObject({
        token: { id: token.id, name: 'ci' },
        user: { username: 'bot', roles: ['admin'] },
      });
      const session = await h.store.createSession({ userId: created.user.id, ttlMs: 3_600_000 });

      expect(await h.store.disableUser(created.user.id)).toBe(true);
      expect(await h.store.findApiToken(secret)).toBeNull();
      expect(await h.store.getSession(session.secret)).toBeNull();
      expect(await h.store.listApiTokens(created.user.id)).toMatchObject([{ id: token.id, revoked: true }]);
      expect(await h.store.disableUser('ghost')).toBe(false);

      await h.store.updateUser(created.user.id, { disabled: false });
      const again = await h.store.createApiToken({ userId: created.user.id, name: 'ci2' });
      expect(await h.store.findApiToken(again.secret)).not.toBeNull();
      expect(await h.store.revokeApiToken(again.token.id)).toBe(true);
      expect(await h.store.findApiToken(again.secret)).toBeNull();
    });
  });
}
