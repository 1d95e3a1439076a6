import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewHarness, StoreHarness } from '../support/harness.ts';
import { at, mustGet, nextChange, publish, startChange } from '../support/workflow.ts';

const claim = (user: string) => ({
  type: 'reassign' as const,
  step: 'classify',
  assignee: user,
  actor: user,
  role: 'front-desk',
});

export function feedCases(newHarness: NewHarness): void {
  describe('change feed', () => {
    let h: StoreHarness;
    beforeEach(async () => {
      h = await newHarness();
      await publish(h.store);
    });
    afterEach(() => h.close());

    it('records the message of a change that wins, and nothing for one that lost its race', async () => {
      expect(await h.store.feedBounds()).toEqual({ oldest: null, newest: 0 });
      const start = { ...startChange('i-1'), feed: { type: 'instance.changed', instanceId: 'i-1' } };
      expect((await h.store.commitInstanceChange(start)).ok).toBe(true);
      const read = await mustGet(h.store, 'i-1');
      // Two claims of the same task from the same read: one wins, and only its message is in the feed.
      const [a, b] = await Promise.all(
        ['u-a', 'u-b'].map((user) =>
          h.store.commitInstanceChange({ ...nextChange(read, claim(user), at(1)), feed: { by: user } }),
        ),
      );
      expect([a!.ok, b!.ok].sort()).toEqual([false, true]);
      const winner = a!.ok ? 'u-a' : 'u-b';
      const entries = await h.store.readFeed(0);
      // The two claims shared a batch: its feed row holds the winner's message only.
      expect(entries.map((e) => JSON.parse(e.message))).toEqual([
        [{ type: 'instance.changed', instanceId: 'i-1' }],
        [{ by: winner }],
      ]);
      expect(entries.map((e) => e.id)).toEqual([1, 2]);
      // A change without a message adds no row.
      const again = await mustGet(h.store, 'i-1');
      const release = { type: 'reassign' as const, step: 'classify', assignee: null, actor: winner };
      expect((await h.store.commitInstanceChange(nextChange(again, release, at(2)))).ok).toBe(true);
      expect(await h.store.feedBounds()).toEqual({ oldest: 1, newest: 2 });
    });

    it('reads after an id in order, appends on its own, and keeps ids rising after pruning', async () => {
      const ids: number[] = [];
      for (let n = 0; n < 5; n++) ids.push(await h.store.appendFeed({ n }, at(n)));
      expect(ids).toEqual([1, 2, 3, 4, 5]);
      expect((await h.store.readFeed(2)).map((e) => e.id)).toEqual([3, 4, 5]);
      expect((await h.store.readFeed(0, 2)).map((e) => JSON.parse(e.message))).toEqual([
        [{ n: 0 }],
        [{ n: 1 }],
      ]);
      expect(await h.store.readFeed(5)).toEqual([]);

      expect(await h.store.pruneFeed(3)).toBe(3);
      expect(await h.store.feedBounds()).toEqual({ oldest: 4, newest: 5 });
      // Pruning keeps the newest entry, so ids never go back: a reader that saw 5 never mistakes a
      // new row for an old one.
      expect(await h.store.pruneFeed(5)).toBe(1);
      expect(await h.store.feedBounds()).toEqual({ oldest: 5, newest: 5 });
      expect(await h.store.appendFeed({ n: 5 })).toBe(6);
      expect(await h.store.feedBounds()).toEqual({ oldest: 5, newest: 6 });
      expect((await h.store.readFeed(4)).map((e) => e.id)).toEqual([5, 6]);
      await expect(h.store.readFeed(-1)).rejects.toMatchObject({ code: 'QUERY_INVALID' });
    });

    it('writes one row per batch holding the messages of every change in it that won', async () => {
      const before = h.store.commitStats().batches;
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, n) =>
          h.store.commitInstanceChange({ ...startChange(`i-${n}`, { when: at(n) }), feed: { n } }),
        ),
      );
      expect(results.every((r) => r.ok)).toBe(true);
      const batches = h.store.commitStats().batches - before;
      const rows = await h.store.readFeed(0);
      expect(rows).toHaveLength(batches);
      const messages = rows.flatMap((r) => JSON.parse(r.message) as Array<{ n: number }>);
      expect(messages.map((m) => m.n).sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, n) => n));
      // A batch in which nothing won writes no row: a stale change alone.
      const stale = { ...startChange('i-0', { when: at(0) }), feed: { n: 'stale' } };
      expect((await h.store.commitInstanceChange(stale)).ok).toBe(false);
      expect(await h.store.readFeed(rows.at(-1)!.id)).toEqual([]);
    });

    it('gives concurrent writers distinct ids with no gaps', async () => {
      const ids = await Promise.all(Array.from({ length: 50 }, (_, n) => h.store.appendFeed({ n })));
      expect([...ids].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, n) => n + 1));
      expect((await h.store.readFeed(0, 5000)).map((e) => e.id)).toEqual(ids.sort((x, y) => x - y));
    });
  });
}
