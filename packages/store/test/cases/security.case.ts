import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewHarness, StoreHarness } from '../support/harness.ts';
import { at } from '../support/workflow.ts';

export function securityCases(newHarness: NewHarness): void {
  describe('two-factor secrets, devices and emergency access', () => {
    let h: StoreHarness;
    let userId: string;
    beforeEach(async () => {
      h = await newHarness();
      const created = await h.store.createUser({ username: 'lead', passwordHash: 'x', roles: ['designer'] });
      if (!created.ok) throw new Error('fixture');
      userId = created.user.id;
    });
    afterEach(() => h.close());

    it('accepts each TOTP step once and never an older one (replayed codes fail)', async () => {
      await h.store.setTotpSecret({ userId, secret: 'JBSWY3DPEHPK3PXP', at: at(0) });
      expect(await h.store.getTotp(userId)).toMatchObject({ confirmedAt: null, lastStep: null });
      expect(await h.store.acceptTotpStep(userId, 100, { at: at(1) })).toBe(true);
      expect(await h.store.getTotp(userId)).toMatchObject({ confirmedAt: at(1), lastStep: 100 });
      const [a, b] = await Promise.all([
        h.store.acceptTotpStep(userId, 101),
        h.store.acceptTotpStep(userId, 101),
      ]);
      expect([a, b].filter(Boolean)).toHaveLength(1);
      expect(await h.store.acceptTotpStep(userId, 99)).toBe(false);
      await h.store.resetTotp(userId);
      expect(await h.store.getTotp(userId)).toBe(null);
    });

    it('recovery codes work once each and are replaced as a set', async () => {
      await h.store.replaceRecoveryCodes({ userId, hashes: ['h1', 'h2'], at: at(0) });
      expect(await h.store.unusedRecoveryCodes(userId)).toBe(2);
      expect(await h.store.useRecoveryCode({ userId, hash: 'h1', at: at(1) })).toBe(true);
      expect(await h.store.useRecoveryCode({ userId, hash: 'h1', at: at(2) })).toBe(false);
      expect(await h.store.useRecoveryCode({ userId, hash: 'nope', at: at(2) })).toBe(false);
      expect(await h.store.unusedRecoveryCodes(userId)).toBe(1);
      await h.store.replaceRecoveryCodes({ userId, hashes: ['h3'], at: at(3) });
      expect(await h.store.useRecoveryCode({ userId, hash: 'h2', at: at(4) })).toBe(false);
      expect(await h.store.unusedRecoveryCodes(userId)).toBe(1);
    });

    it('finds a device by its secret until it expires', async () => {
      const { secret, device } = await h.store.createDevice({ userId, ttlMs: 60_000, at: at(0) });
      expect(device.id).not.toContain(secret);
      expect(await h.store.getDevice(secret, at(0))).toMatchObject({ userId, totpUntil: null });
      expect(await h.store.touchDevice(device.id, { at: at(0), totpUntil: at(30) })).toBe(true);
      expect((await h.store.getDevice(secret, at(0)))?.totpUntil).toBe(at(30));
      expect(await h.store.getDevice(secret, new Date(Date.parse(at(0)) + 60_000).toISOString())).toBe(null);
      expect(await h.store.getDevice('forged', at(0))).toBe(null);
    });

    it('grants emergency access until it expires or is ended; the reason is never rewritten', async () => {
      const expiresAt = new Date(Date.parse(at(0)) + 30 * 60_000).toISOString();
      const grant = await h.store.grantEmergencyAccess({ userId, reason: 'code blue', at: at(0), expiresAt });
      expect(await h.store.activeEmergencyAccess(userId, at(0))).toEqual(grant);
      expect(await h.store.activeEmergencyAccess(userId, expiresAt)).toBe(null);
      expect(await h.store.endEmergencyAccess({ id: grant.id, userId: 'someone-else', at: at(1) })).toBe(
        false,
      );
      expect(await h.store.endEmergencyAccess({ id: grant.id, userId, at: at(1) })).toBe(true);
      expect(await h.store.activeEmergencyAccess(userId, at(1))).toBe(null);
      expect(await h.store.listEmergencyAccess({ userId })).toMatchObject([{ id: grant.id, endedAt: at(1) }]);

      await h.store.logAccess({
        at: at(1),
        userId,
        role: 'designer',
        action: 'GET /api/instances/:id',
        instanceId: 'i-1',
        dataCategory: 'phi',
        outcome: 'allow',
        detail: null,
        emergencyAccessId: grant.id,
      });
      await h.store.logAccess({
        at: at(2),
        userId,
        role: 'designer',
        action: 'GET /api/instances',
        instanceId: null,
        dataCategory: 'instance-list',
        outcome: 'allow',
        detail: null,
      });
      const flagged = await h.store.listAccess({ emergency: true });
      expect(flagged.items).toMatchObject([{ emergencyAccessId: grant.id, emergencyReason: 'code blue' }]);
      expect((await h.store.listAccess({ emergency: false })).items).toMatchObject([
        { emergencyAccessId: null, emergencyReason: null },
      ]);
    });
  });
}
