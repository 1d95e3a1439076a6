import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewHarness, StoreHarness } from '../support/harness.ts';
import { at, mustGet, nextChange, publish, startInstance } from '../support/workflow.ts';

export function timerCases(newHarness: NewHarness): void {
  describe('durable timers', () => {
    let h: StoreHarness;
    beforeEach(async () => {
      h = await newHarness();
      await publish(h.store);
      // Each instance's classify deadline is 4 h after its start.
      for (let n = 0; n < 6; n++) await startInstance(h.store, `i-${n}`, { when: at(n) });
    });
    afterEach(() => h.close());

    it('claims only due timers, earliest first, and never the same one twice while leased', async () => {
      expect(await h.store.nextTimerDue()).toBe(at(240));
      expect(await h.store.claimDueTimers({ now: at(239), owner: 'w1', leaseMs: 60_000 })).toEqual([]);

      const first = await h.store.claimDueTimers({ now: at(242), owner: 'w1', leaseMs: 60_000, limit: 2 });
      expect(first.map((t) => t.instanceId)).toEqual(['i-0', 'i-1']);
      expect(first[0]).toMatchObject({
        id: `i-0:${first[0]!.timerId}`,
        due: at(240),
        leaseOwner: 'w1',
        leaseExpires: at(243),
      });

      const [a, b] = await Promise.all([
        h.store.claimDueTimers({ now: at(242), owner: 'w2', leaseMs: 60_000 }),
        h.store.claimDueTimers({ now: at(242), owner: 'w3', leaseMs: 60_000 }),
      ]);
      const ids = [...first, ...a, ...b].map((t) => t.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toHaveLength(3);
      expect([...a, ...b].map((t) => t.instanceId).sort()).toEqual(['i-2']);
    });

    it('lets another worker reclaim a timer whose lease expired, and a released one at once', async () => {
      const [held] = await h.store.claimDueTimers({ now: at(240), owner: 'w1', leaseMs: 30_000, limit: 1 });
      expect(
        await h.store.claimDueTimers({ now: at(240.25), owner: 'w2', leaseMs: 30_000, limit: 1 }),
      ).toEqual([]);
      const [taken] = await h.store.claimDueTimers({
        now: at(240.5),
        owner: 'w2',
        leaseMs: 30_000,
        limit: 1,
      });
      expect(taken).toMatchObject({ id: held!.id, leaseOwner: 'w2' });

      expect(await h.store.releaseTimer(taken!.id, 'w1')).toBe(false);
      expect(await h.store.releaseTimer(taken!.id, 'w2')).toBe(true);
      expect(
        await h.store.claimDueTimers({ now: at(240.5), owner: 'w3', leaseMs: 30_000, limit: 1 }),
      ).toMatchObject([{ id: held!.id, leaseOwner: 'w3' }]);
    });

    it('drops a timer only for the worker holding it, and never claims it again', async () => {
      const [held] = await h.store.claimDueTimers({ now: at(240), owner: 'w1', leaseMs: 60_000, limit: 1 });
      expect(await h.store.dropTimer(held!.id, 'w2')).toBe(false);
      expect(await h.store.dropTimer(held!.id, 'w1')).toBe(true);
      expect(await h.store.dropTimer(held!.id, 'w1')).toBe(false);
      const later = await h.store.claimDueTimers({ now: at(600), owner: 'w2', leaseMs: 60_000 });
      expect(later.map((t) => t.id)).not.toContain(held!.id);
      expect(later).toHaveLength(5);
    });

    it('fires through a commit that deletes the timer; a lost commit leaves it for the next claim', async () => {
      const [timer] = await h.store.claimDueTimers({ now: at(240), owner: 'w1', leaseMs: 60_000, limit: 1 });
      const read = await mustGet(h.store, timer!.instanceId);
      const fired = nextChange(read, { type: 'timer-fired', timer: timer!.timerId }, at(240));
      expect((await h.store.commitInstanceChange(fired)).ok).toBe(true);
      expect(await h.store.commitInstanceChange(fired)).toEqual({ ok: false, reason: 'conflict' });
      const due = await h.store.claimDueTimers({ now: at(300), owner: 'w2', leaseMs: 60_000 });
      expect(due.map((t) => t.instanceId)).toEqual(['i-1', 'i-2', 'i-3', 'i-4', 'i-5']);
    });

    it('moving a timer clears its lease', async () => {
      const [timer] = await h.store.claimDueTimers({ now: at(240), owner: 'w1', leaseMs: 600_000, limit: 1 });
      const read = await mustGet(h.store, timer!.instanceId);
      const moved = {
        instanceId: read.id,
        expectedRevision: read.revision,
        event: {
          at: at(241),
          actor: 'sup',
          role: 'supervisor',
          type: 'reassign',
          payload: { due: at(500) },
          prevHash: read.lastHash,
        },
        snapshot: read.snapshot,
        timers: [{ op: 'set' as const, timerId: timer!.timerId, due: at(500) }],
      };
      expect((await h.store.commitInstanceChange(moved)).ok).toBe(true);
      expect(await h.store.claimDueTimers({ now: at(499), owner: 'w2', leaseMs: 1000 })).not.toContainEqual(
        expect.objectContaining({ id: timer!.id }),
      );
      expect(await h.store.claimDueTimers({ now: at(500), owner: 'w2', leaseMs: 1000 })).toContainEqual(
        expect.objectContaining({ id: timer!.id, leaseOwner: 'w2' }),
      );
    });
  });
}
