import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewHarness, StoreHarness } from '../support/harness.ts';
import { at } from '../support/workflow.ts';

export function intakeKeyCases(newHarness: NewHarness): void {
  describe('intake keys', () => {
    let h: StoreHarness;
    beforeEach(async () => {
      h = await newHarness();
    });
    afterEach(() => h.close());

    it('keeps sealed secrets apart from what is listed, and trails each creation and revocation once', async () => {
      const key = await h.store.createIntakeKey({
        id: 'k1',
        workflowId: 'refill',
        sealedSecret: 'v1.sealed',
        actorId: 'admin-1',
        at: at(0),
      });
      expect(key).toEqual({
        id: 'k1',
        workflowId: 'refill',
        createdBy: 'admin-1',
        createdAt: at(0),
        lastUsedAt: null,
        revokedAt: null,
        revokedBy: null,
      });
      expect(JSON.stringify(await h.store.listIntakeKeys())).not.toContain('sealed');
      expect(await h.store.activeIntakeSecrets('refill')).toEqual([{ id: 'k1', sealedSecret: 'v1.sealed' }]);

      // A burst of revocations: one wins, one trail line.
      const results = await Promise.all(
        [1, 2, 3].map(() => h.store.revokeIntakeKey('k1', { actorId: 'lead-1', at: at(1) })),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await h.store.revokeIntakeKey('missing', { actorId: 'lead-1', at: at(1) })).toBe(false);
      expect(await h.store.activeIntakeSecrets('refill')).toEqual([]);
      expect((await h.store.getIntakeKey('k1'))?.revokedBy).toBe('lead-1');
      const trail = await h.store.listIntakeKeyChanges({ keyId: 'k1' });
      expect(trail.map((c) => [c.what, c.actorId])).toEqual([
        ['revoked', 'lead-1'],
        ['created', 'admin-1'],
      ]);
    });
  });
}
