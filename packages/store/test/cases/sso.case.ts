import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewHarness, StoreHarness } from '../support/harness.ts';
import { at } from '../support/workflow.ts';

export function ssoCases(newHarness: NewHarness): void {
  describe('single sign-on', () => {
    let h: StoreHarness;
    let userId = '';
    let otherId = '';
    beforeEach(async () => {
      h = await newHarness();
      const made = await h.store.createUser({
        username: 'nora',
        passwordHash: 'scrypt$x',
        roles: [],
        at: at(0),
      });
      const other = await h.store.createUser({
        username: 'olga',
        passwordHash: 'scrypt$x',
        roles: [],
        at: at(0),
      });
      if (!made.ok || !other.ok) throw new Error('users');
      userId = made.user.id;
      otherId = other.user.id;
    });
    afterEach(() => h.close());

    it('finishes each sign-in under way once, and never after it expired', async () => {
      const login = { state: 's', nonce: 'n', codeVerifier: 'v' };
      await h.store.saveSsoLogin({ id: 'a', ...login, at: at(0), expiresAt: at(10) });
      await h.store.saveSsoLogin({ id: 'b', ...login, at: at(0), expiresAt: at(10) });
      const both = await Promise.all([h.store.takeSsoLogin('a', at(1)), h.store.takeSsoLogin('a', at(1))]);
      expect(both.filter((x) => x !== null)).toEqual([login]);
      expect(await h.store.takeSsoLogin('b', at(10))).toBeNull();
      expect(await h.store.takeSsoLogin('b', at(1))).toBeNull();
    });

    it('keeps the first link of an identity when two sign-ins race', async () => {
      const identity = { issuer: 'https://idp.example', subject: 'p-1' };
      const winners = await Promise.all([
        h.store.linkSsoIdentity({ ...identity, userId, at: at(0), reason: 'email' }),
        h.store.linkSsoIdentity({ ...identity, userId: otherId, at: at(0), reason: 'created' }),
      ]);
      expect(new Set(winners).size).toBe(1);
      expect(await h.store.findSsoIdentity(identity)).toBe(winners[0]);
      expect(await h.store.hasSsoIdentity(winners[0]!)).toBe(true);
      expect(await h.store.findSsoIdentity({ ...identity, issuer: 'https://other.example' })).toBeNull();
    });

    it('replaces the group mapping whole, sorted, with a trail row only when it changed', async () => {
      expect(await h.store.getSsoGroupRoles()).toEqual({});
      expect(
        await h.store.setSsoGroupRoles({
          mapping: { nurses: ['triage-nurse', 'billing', 'billing'], empty: [], Admins: ['admin'] },
          actorId: userId,
          at: at(1),
        }),
      ).toBe(true);
      const mapping = { Admins: ['admin'], nurses: ['billing', 'triage-nurse'] };
      expect(await h.store.getSsoGroupRoles()).toEqual(mapping);
      expect(await h.store.setSsoGroupRoles({ mapping, actorId: userId, at: at(2) })).toBe(false);
      const trail = await h.store.listSsoMappingChanges();
      expect(trail).toHaveLength(1);
      expect(trail[0]).toMatchObject({ actorId: userId, oldValue: '{}', newValue: JSON.stringify(mapping) });
      await expect(h.sql('DELETE FROM sso_mapping_changes')).rejects.toThrow(/append-only/);
    });
  });
}
