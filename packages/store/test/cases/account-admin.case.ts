import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/index.ts';
import type { NewHarness, StoreHarness } from '../support/harness.ts';
import { at } from '../support/workflow.ts';

export function accountAdminCases(newHarness: NewHarness): void {
  describe('account administration', () => {
    let h: StoreHarness;
    const ids: Record<string, string> = {};
    beforeEach(async () => {
      h = await newHarness();
      for (const [username, roles] of [
        ['ada', ['admin']],
        ['bo', ['admin']],
        ['cy', ['medical-assistant']],
      ] as const) {
        const made = await h.store.createUser({
          username,
          passwordHash: 'scrypt$x',
          roles: [...roles],
          at: at(0),
        });
        if (made.ok) ids[username] = made.user.id;
      }
    });
    afterEach(() => h.close());

    it('records old → new for every part of an edit, in one append-only trail', async () => {
      const edit = await h.store.editAccount({
        userId: ids.cy!,
        actorId: ids.ada!,
        at: at(1),
        displayName: 'Cy Diaz',
        roles: ['medical-assistant', 'front-desk'],
        disabled: true,
      });
      expect(edit.ok).toBe(true);
      const trail = await h.store.listAccountChanges({ userId: ids.cy! });
      expect(trail.map((c) => [c.what, c.oldValue, c.newValue])).toEqual([
        ['disabled', 'false', 'true'],
        ['roles', '["medical-assistant"]', '["front-desk","medical-assistant"]'],
        ['display-name', '"cy"', '"Cy Diaz"'],
      ]);
      expect(trail.every((c) => c.actorId === ids.ada && c.at === at(1))).toBe(true);
      // Unchanged values leave no row.
      await h.store.editAccount({ userId: ids.cy!, actorId: ids.ada!, at: at(2), displayName: 'Cy Diaz' });
      expect(await h.store.listAccountChanges({ userId: ids.cy! })).toHaveLength(3);
      await expect(h.sql("UPDATE account_changes SET new_value = 'false'")).rejects.toThrow(/append-only/);
      await expect(h.sql('DELETE FROM account_changes')).rejects.toThrow(/append-only/);
    });

    it('refuses to demote or disable the last active admin, and changes nothing then', async () => {
      expect(
        (await h.store.editAccount({ userId: ids.bo!, actorId: ids.ada!, at: at(1), disabled: true })).ok,
      ).toBe(true);
      expect(
        await h.store.editAccount({ userId: ids.ada!, actorId: ids.ada!, at: at(2), roles: ['designer'] }),
      ).toEqual({
        ok: false,
        reason: 'last-admin',
      });
      expect(
        await h.store.editAccount({ userId: ids.ada!, actorId: ids.ada!, at: at(2), disabled: true }),
      ).toEqual({
        ok: false,
        reason: 'last-admin',
      });
      expect((await h.store.getUser(ids.ada!))?.roles).toEqual(['admin']);
      expect((await h.store.getUser(ids.ada!))?.disabled).toBe(false);
      expect((await h.store.listAccountChanges({ userId: ids.ada! })).length).toBe(0);
      // Re-saving the admin's own roles with one more is not a removal.
      expect(
        (
          await h.store.editAccount({
            userId: ids.ada!,
            actorId: ids.ada!,
            at: at(3),
            roles: ['admin', 'auditor'],
          })
        ).ok,
      ).toBe(true);
    });

    it('two admins demoting each other at once: one wins, an admin remains', async () => {
      const [a, b] = await Promise.all([
        h.store.editAccount({ userId: ids.bo!, actorId: ids.ada!, at: at(1), roles: ['auditor'] }),
        h.store.editAccount({ userId: ids.ada!, actorId: ids.bo!, at: at(1), roles: ['auditor'] }),
      ]);
      expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
      const admins = (await h.store.listAccounts()).filter((u) => u.roles.includes('admin') && !u.disabled);
      expect(admins).toHaveLength(1);
    });

    it('an active account keeps a role: emptied only while disabled, enabled only with one', async () => {
      expect(await h.store.editAccount({ userId: ids.cy!, actorId: ids.ada!, at: at(1), roles: [] })).toEqual(
        {
          ok: false,
          reason: 'no-role',
        },
      );
      expect((await h.store.getUser(ids.cy!))?.roles.length).toBeGreaterThan(0);
      expect((await h.store.listAccountChanges({ userId: ids.cy! })).length).toBe(0);
      const emptied = await h.store.editAccount({
        userId: ids.cy!,
        actorId: ids.ada!,
        at: at(2),
        disabled: true,
        roles: [],
      });
      expect(emptied.ok).toBe(true);
      expect(
        await h.store.editAccount({ userId: ids.cy!, actorId: ids.ada!, at: at(3), disabled: false }),
      ).toEqual({ ok: false, reason: 'no-role' });
      // Emptying a disabled account and enabling it at once: one wins, never active with none.
      const [a, b] = await Promise.all([
        h.store.editAccount({ userId: ids.cy!, actorId: ids.ada!, at: at(4), roles: ['auditor'] }),
        h.store.editAccount({ userId: ids.cy!, actorId: ids.bo!, at: at(4), disabled: false }),
      ]);
      const after = await h.store.getUser(ids.cy!);
      expect(after?.disabled === false && after.roles.length === 0).toBe(false);
      expect(a.ok).toBe(true);
      expect(b.ok ? after?.roles : 'refused').toEqual(b.ok ? ['auditor'] : 'refused');
    });

    it('a set-password code works once, only before it expires, only for its account', async () => {
      const hash = sha256Hex('code-1');
      await h.store.createSetPasswordCode({
        userId: ids.cy!,
        codeHash: hash,
        actorId: ids.ada!,
        at: at(0),
        expiresAt: at(10),
      });
      const session = await h.store.createSession({
        userId: ids.cy!,
        ttlMs: 3600_000,
        at: at(0),
        clientHint: 'Firefox on Linux',
      });
      expect((await h.store.listUserSessions(ids.cy!, at(1)))[0]?.clientHint).toBe('Firefox on Linux');
      expect(
        await h.store.redeemSetPasswordCode({
          username: 'ada',
          codeHash: hash,
          passwordHash: 'p',
          at: at(1),
        }),
      ).toBeNull();
      expect(
        await h.store.redeemSetPasswordCode({
          username: 'cy',
          codeHash: hash,
          passwordHash: 'p',
          at: at(11),
        }),
      ).toBeNull();
      const both = await Promise.all(
        [1, 2].map((n) =>
          h.store.redeemSetPasswordCode({ username: 'cy', codeHash: hash, passwordHash: `p${n}`, at: at(2) }),
        ),
      );
      expect(both.filter(Boolean)).toHaveLength(1);
      expect(await h.store.getSession(session.secret, at(3))).toBeNull();
      const winner = both[0] ? 'p1' : 'p2';
      expect((await h.store.findUserByUsername('cy'))?.passwordHash).toBe(winner);
      expect((await h.store.listAccountChanges({ userId: ids.cy! }))[0]).toMatchObject({
        what: 'password',
        actorId: ids.cy,
      });

      // A newer code replaces an unused older one.
      await h.store.createSetPasswordCode({
        userId: ids.cy!,
        codeHash: sha256Hex('a'),
        actorId: null,
        at: at(4),
        expiresAt: at(10),
      });
      await h.store.createSetPasswordCode({
        userId: ids.cy!,
        codeHash: sha256Hex('b'),
        actorId: null,
        at: at(5),
        expiresAt: at(10),
      });
      expect(
        await h.store.redeemSetPasswordCode({
          username: 'cy',
          codeHash: sha256Hex('a'),
          passwordHash: 'q',
          at: at(6),
        }),
      ).toBeNull();
      expect(
        await h.store.redeemSetPasswordCode({
          username: 'cy',
          codeHash: sha256Hex('b'),
          passwordHash: 'q',
          at: at(6),
        }),
      ).not.toBeNull();
    });

    it('the owner changes their password: only from the hash they proved, ending every session and token', async () => {
      const session = await h.store.createSession({ userId: ids.cy!, ttlMs: 3600_000, at: at(1) });
      await h.store.createApiToken({
        userId: ids.cy!,
        name: 'scanner',
        expiresAt: '2999-01-01T00:00:00.000Z',
        at: at(1),
      });
      const wrongFrom = await h.store.changeOwnPassword({
        userId: ids.cy!,
        expectedHash: 'scrypt$not-this-one',
        passwordHash: 'scrypt$new',
        at: at(2),
      });
      expect(wrongFrom).toEqual({ ok: false, reason: 'changed' });
      expect((await h.store.findUserByUsername('cy'))?.passwordHash).toBe('scrypt$x');
      expect(await h.store.listUserSessions(ids.cy!, at(2))).toHaveLength(1);

      // Two changes from the same password at once: one wins, the other finds it changed.
      const both = await Promise.all(
        ['scrypt$a', 'scrypt$b'].map((passwordHash) =>
          h.store.changeOwnPassword({ userId: ids.cy!, expectedHash: 'scrypt$x', passwordHash, at: at(3) }),
        ),
      );
      expect(both.filter((r) => r.ok)).toEqual([{ ok: true, ended: { sessions: 1, tokens: 1 } }]);
      expect(both.filter((r) => !r.ok)).toEqual([{ ok: false, reason: 'changed' }]);
      const now = (await h.store.findUserByUsername('cy'))?.passwordHash;
      expect(['scrypt$a', 'scrypt$b']).toContain(now);
      expect(await h.store.getSession(session.secret, at(3))).toBeNull();
      expect(await h.store.listUserSessions(ids.cy!, at(3))).toEqual([]);
      const trail = await h.store.listAccountChanges({ userId: ids.cy! });
      expect(trail.filter((c) => c.what === 'password')).toEqual([
        expect.objectContaining({ actorId: ids.cy, oldValue: null, newValue: '"changed by its owner"' }),
      ]);
      expect(
        await h.store.changeOwnPassword({
          userId: 'nobody',
          expectedHash: 'x',
          passwordHash: 'y',
          at: at(4),
        }),
      ).toEqual({ ok: false, reason: 'not-found' });
    });

    it('ends every session but one in one transaction, with one trail line', async () => {
      const kept = await h.store.createSession({ userId: ids.cy!, ttlMs: 3600_000, at: at(3) });
      const others = await Promise.all(
        [1, 2, 3].map(() => h.store.createSession({ userId: ids.cy!, ttlMs: 3600_000, at: at(3) })),
      );
      const theirs = await h.store.createSession({ userId: ids.ada!, ttlMs: 3600_000, at: at(3) });
      const ended = () =>
        h.store.endUserSessions({
          userId: ids.cy!,
          exceptSessionId: kept.session.id,
          actorId: ids.cy!,
          at: at(4),
        });
      expect(await ended()).toBe(3);
      for (const s of others) expect(await h.store.getSession(s.secret, at(4))).toBeNull();
      expect(await h.store.getSession(kept.secret, at(4))).not.toBeNull();
      expect(await h.store.getSession(theirs.secret, at(4))).not.toBeNull();
      // Nothing left to end: no second trail line.
      expect(await ended()).toBe(0);
      const trail = (await h.store.listAccountChanges({ userId: ids.cy! })).filter(
        (c) => c.what === 'sessions',
      );
      expect(trail).toEqual([
        expect.objectContaining({ actorId: ids.cy, oldValue: '"3 active"', newValue: '"all others ended"' }),
      ]);
      expect(await h.store.endUserSessions({ userId: ids.cy!, actorId: ids.ada!, at: at(5) })).toBe(1);
      expect(await h.store.getSession(kept.secret, at(5))).toBeNull();
    });

    it('lists last sign-in and ends one session', async () => {
      await h.store.recordSignIn(ids.cy!, at(3));
      const s = await h.store.createSession({ userId: ids.cy!, ttlMs: 3600_000, at: at(3) });
      expect((await h.store.listAccounts()).find((u) => u.id === ids.cy)).toMatchObject({
        lastSignInAt: at(3),
        twoFactor: false,
      });
      expect(
        await h.store.endUserSession({
          userId: ids.ada!,
          sessionId: s.session.id,
          actorId: ids.ada!,
          at: at(4),
        }),
      ).toBe(false);
      expect(
        await h.store.endUserSession({
          userId: ids.cy!,
          sessionId: s.session.id,
          actorId: ids.ada!,
          at: at(4),
        }),
      ).toBe(true);
      expect(await h.store.listUserSessions(ids.cy!, at(4))).toEqual([]);
      expect((await h.store.listAccountChanges({ userId: ids.cy! }))[0]).toMatchObject({
        what: 'sessions',
        newValue: '"ended"',
      });
    });
  });
}
