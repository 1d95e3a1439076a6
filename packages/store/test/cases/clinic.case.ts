import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewHarness, StoreHarness } from '../support/harness.ts';
import { at } from '../support/workflow.ts';

const hours = (close: string) => ({
  timeZone: 'America/Denver',
  hours: { mon: [['08:00', close]] },
  holidays: ['2027-01-01'],
});

export function clinicCases(newHarness: NewHarness): void {
  describe('clinic calendar', () => {
    let h: StoreHarness;
    beforeEach(async () => {
      h = await newHarness();
    });
    afterEach(() => h.close());

    it('has none until the first save, then keeps each save with its trail, newest first', async () => {
      expect(await h.store.getClinicCalendar()).toBeNull();
      const first = await h.store.saveClinicCalendar({
        value: hours('17:00'),
        expectedRevision: 0,
        actorId: 'u-admin',
        at: at(1),
        replaces: hours('18:00'),
      });
      expect(first).toEqual({
        ok: true,
        saved: { value: hours('17:00'), revision: 1, updatedBy: 'u-admin', updatedAt: at(1) },
      });
      const second = await h.store.saveClinicCalendar({
        value: hours('16:00'),
        expectedRevision: 1,
        actorId: 'u-other',
        at: at(2),
        reason: 'Winter hours',
        movesOpenRequests: true,
      });
      expect(second.ok).toBe(true);
      expect(await h.store.getClinicCalendar()).toEqual({
        value: hours('16:00'),
        revision: 2,
        updatedBy: 'u-other',
        updatedAt: at(2),
      });
      expect(await h.store.listClinicCalendarChanges()).toEqual([
        {
          revision: 2,
          at: at(2),
          actorId: 'u-other',
          reason: 'Winter hours',
          oldValue: hours('17:00'),
          newValue: hours('16:00'),
          movedOpenRequests: true,
        },
        {
          revision: 1,
          at: at(1),
          actorId: 'u-admin',
          reason: null,
          oldValue: hours('18:00'),
          newValue: hours('17:00'),
          movedOpenRequests: false,
        },
      ]);
    });

    it('refuses a save from an older revision and keeps what is stored', async () => {
      await h.store.saveClinicCalendar({
        value: hours('17:00'),
        expectedRevision: 0,
        actorId: 'a',
        at: at(1),
      });
      const stale = await h.store.saveClinicCalendar({
        value: hours('12:00'),
        expectedRevision: 0,
        actorId: 'b',
        at: at(2),
      });
      expect(stale).toEqual({
        ok: false,
        reason: 'conflict',
        current: { value: hours('17:00'), revision: 1, updatedBy: 'a', updatedAt: at(1) },
      });
      expect(await h.store.listClinicCalendarChanges()).toHaveLength(1);
    });

    it('of saves released together from one revision, exactly one is kept', async () => {
      const results = await Promise.all(
        ['10:00', '11:00', '12:00', '13:00', '14:00'].map((close, i) =>
          h.store.saveClinicCalendar({
            value: hours(close),
            expectedRevision: 0,
            actorId: `u${i}`,
            at: at(1),
            feedMessage: { type: 'clinic.changed', roles: [], users: [] },
          }),
        ),
      );
      const won = results.filter((r) => r.ok);
      expect(won).toHaveLength(1);
      const stored = await h.store.getClinicCalendar();
      expect(won[0]).toEqual({ ok: true, saved: stored });
      expect(await h.store.listClinicCalendarChanges()).toHaveLength(1);
      // Only the kept save announced itself.
      const feed = await h.store.readFeed(0, 100);
      expect(feed.filter((e) => e.message.includes('clinic.changed'))).toHaveLength(1);
    });

    it('keeps the trail append-only', async () => {
      await h.store.saveClinicCalendar({
        value: hours('17:00'),
        expectedRevision: 0,
        actorId: 'a',
        at: at(1),
      });
      await expect(h.sql('DELETE FROM clinic_calendar_changes')).rejects.toThrow(/append-only/);
      await expect(h.sql("UPDATE clinic_calendar_changes SET reason = 'x'")).rejects.toThrow(/append-only/);
    });
  });
}
