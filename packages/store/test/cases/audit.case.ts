import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewHarness, StoreHarness } from '../support/harness.ts';
import { at, mustGet, nextChange, publish, startInstance } from '../support/workflow.ts';

export function auditCases(newHarness: NewHarness): void {
  describe('hash-chained history', () => {
    let h: StoreHarness;
    beforeEach(async () => {
      h = await newHarness();
      await publish(h.store);
      for (const id of ['a', 'b', 'c']) {
        await startInstance(h.store, id);
        for (let n = 0; n < 3; n++) {
          const read = await mustGet(h.store, id);
          const assignee = n % 2 ? null : `user-${n}`;
          await h.store.commitInstanceChange(
            nextChange(
              read,
              { type: 'reassign', step: 'classify', assignee, actor: 'sup', role: 'supervisor' },
              at(n + 1),
            ),
          );
        }
      }
    });
    afterEach(() => h.close());

    it('verifies every link and hash', async () => {
      expect(await h.store.verifyInstance('b')).toMatchObject({ ok: true, count: 4 });
      expect(await h.store.verifyAll()).toEqual({ ok: true, instances: 3, events: 12, failures: [] });
      expect(await h.store.verifyInstance('zzz')).toMatchObject({ ok: false, fault: 'not-found' });
    });

    it('refuses UPDATE and DELETE on events', async () => {
      await expect(h.sql("UPDATE events SET actor = 'x' WHERE instance_id = 'b'")).rejects.toThrow(
        /append-only/,
      );
      await expect(h.sql("DELETE FROM events WHERE instance_id = 'b'")).rejects.toThrow(/append-only/);
    });

    it('names the instance and seq of an event edited by SQL around the triggers', async () => {
      await h.sql('DROP TRIGGER events_no_update');
      await h.sql(
        `UPDATE events SET payload = replace(payload, '"user-2"', '"mallory"') WHERE instance_id = 'b' AND seq = 4`,
      );
      expect(await h.store.verifyInstance('b')).toMatchObject({
        ok: false,
        instanceId: 'b',
        seq: 4,
        fault: 'hash-mismatch',
      });
      const check = await h.store.verifyInstance('b');
      if (!check.ok) expect(check.reason).toContain("Instance 'b' event 4");
      expect(await h.store.verifyInstance('a')).toMatchObject({ ok: true });

      // Re-hashing the edited event does not help: the next link breaks.
      await h.sql("UPDATE events SET hash = 'f' || substr(hash, 2) WHERE instance_id = 'c' AND seq = 2");
      expect(await h.store.verifyInstance('c')).toMatchObject({
        ok: false,
        instanceId: 'c',
        seq: 2,
        fault: 'hash-mismatch',
      });

      const report = await h.store.verifyAll();
      expect(report).toMatchObject({ ok: false, instances: 3, events: 12 });
      expect(report.failures.map((f) => [f.instanceId, f.seq, f.fault])).toEqual([
        ['b', 4, 'hash-mismatch'],
        ['c', 2, 'hash-mismatch'],
      ]);
    });

    it('catches a re-linked edit at the next event, and a removed tail at the instance row', async () => {
      await h.sql('DROP TRIGGER events_no_update');
      await h.sql('DROP TRIGGER events_no_delete');
      await h.sql(
        "UPDATE events SET hash = '0' || substr(hash, 2), prev_hash = prev_hash WHERE instance_id = 'a' AND seq = 2",
      );
      await h.sql(
        "UPDATE events SET prev_hash = (SELECT hash FROM events WHERE instance_id = 'a' AND seq = 2) WHERE instance_id = 'a' AND seq = 3",
      );
      expect(await h.store.verifyInstance('a')).toMatchObject({ ok: false, seq: 2, fault: 'hash-mismatch' });

      await h.sql("DELETE FROM events WHERE instance_id = 'b' AND seq = 4");
      expect(await h.store.verifyInstance('b')).toMatchObject({
        ok: false,
        instanceId: 'b',
        seq: 4,
        fault: 'head-mismatch',
      });
      await h.sql("DELETE FROM events WHERE instance_id = 'c' AND seq = 2");
      expect(await h.store.verifyInstance('c')).toMatchObject({
        ok: false,
        instanceId: 'c',
        seq: 3,
        fault: 'sequence-gap',
      });
    });
  });
}
