import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewHarness, StoreHarness } from '../support/harness.ts';
import { at, mustGet, nextChange, publish, startInstance } from '../support/workflow.ts';

const text = { reportsTo: 'Nurse manager', skills: 'Triage', languages: 'Spanish', hours: 'Mon–Fri' };

export function roleSignOffCases(newHarness: NewHarness): void {
  describe('job descriptions, sign-offs and refreshers', () => {
    let h: StoreHarness;
    beforeEach(async () => {
      h = await newHarness();
    });
    afterEach(() => h.close());

    it('saves job text with a revision check (no last save wins)', async () => {
      const first = await h.store.saveJobText({
        roleId: 'nurse',
        ...text,
        expectedRevision: 0,
        updatedBy: 'lead',
        at: at(0),
      });
      expect(first).toMatchObject({ ok: true, text: { revision: 1, reportsTo: 'Nurse manager' } });
      const again = await h.store.saveJobText({
        roleId: 'nurse',
        ...text,
        expectedRevision: 0,
        updatedBy: 'other',
      });
      expect(again).toMatchObject({ ok: false, current: { revision: 1 } });
      const second = await h.store.saveJobText({
        roleId: 'nurse',
        ...text,
        hours: 'Nights',
        expectedRevision: 1,
        updatedBy: 'lead',
      });
      expect(second).toMatchObject({ ok: true, text: { revision: 2, hours: 'Nights' } });
      const stale = await h.store.saveJobText({
        roleId: 'nurse',
        ...text,
        expectedRevision: 1,
        updatedBy: 'other',
      });
      expect(stale.ok).toBe(false);
      expect((await h.store.listJobTexts()).map((t) => t.roleId)).toEqual(['nurse']);
    });

    it('keeps every sign-off and returns the latest per role; sign-offs cannot be edited', async () => {
      await h.store.addJobApproval({
        roleId: 'nurse',
        fingerprint: 'a',
        duties: { v: 1 },
        jobText: text,
        approvedBy: 'lead',
        approvedAt: at(0),
      });
      await h.store.addJobApproval({
        roleId: 'nurse',
        fingerprint: 'b',
        duties: { v: 2 },
        jobText: text,
        approvedBy: 'admin',
        approvedAt: at(5),
      });
      await h.store.addJobApproval({
        roleId: 'front-desk',
        fingerprint: 'c',
        duties: [],
        jobText: text,
        approvedBy: 'lead',
        approvedAt: at(1),
      });
      const latest = await h.store.latestJobApprovals();
      expect(latest.map((a) => [a.roleId, a.fingerprint, a.approvedBy])).toEqual([
        ['front-desk', 'c', 'lead'],
        ['nurse', 'b', 'admin'],
      ]);
      expect(latest[1]!.duties).toEqual({ v: 2 });
      await expect(h.sql("UPDATE job_approvals SET fingerprint = 'x'")).rejects.toThrow(/sign-offs/);
      await expect(h.sql('DELETE FROM job_approvals')).rejects.toThrow(/sign-offs/);
    });

    it('records an acknowledgement once, keeping the first time', async () => {
      const ack = { userId: 'u1', definitionId: 'triage', version: 2, role: 'nurse', at: at(0) };
      expect(await h.store.acknowledgeRefresher(ack)).toEqual(ack);
      expect(await h.store.acknowledgeRefresher({ ...ack, at: at(9) })).toEqual(ack);
      await h.store.acknowledgeRefresher({ ...ack, userId: 'u2', at: at(3) });
      expect(await h.store.listRefresherAcknowledgements({ userId: 'u1' })).toEqual([ack]);
      expect(await h.store.listRefresherAcknowledgements()).toHaveLength(2);
    });

    it('lists finished practice runs only (not live, not unfinished, not someone else’s)', async () => {
      await publish(h.store);
      const done = await startInstance(h.store, 'p-1', { actor: 'u1', practice: true });
      const finish = nextChange(
        done,
        { type: 'complete', step: 'classify', outcome: 'spam', role: 'front-desk', actor: 'u1' },
        at(30),
      );
      expect((await h.store.commitInstanceChange(finish)).ok).toBe(true);
      expect((await mustGet(h.store, 'p-1')).status).toBe('done');
      await startInstance(h.store, 'p-2', { actor: 'u1', practice: true });
      const live = await startInstance(h.store, 'l-1', { actor: 'u1' });
      await h.store.commitInstanceChange(
        nextChange(
          live,
          { type: 'complete', step: 'classify', outcome: 'spam', role: 'front-desk', actor: 'u1' },
          at(31),
        ),
      );
      const completions = await h.store.listPracticeCompletions({ userId: 'u1' });
      expect(completions).toEqual([
        { userId: 'u1', definitionId: 'portal-message-triage', version: 1, doneAt: at(30) },
      ]);
      expect(await h.store.listPracticeCompletions({ userId: 'u2' })).toEqual([]);
    });

    it('adds, lists and deletes refresher schedules; a schedule names a role or a workflow', async () => {
      const s = await h.store.addRefresherSchedule({
        role: 'nurse',
        definitionId: null,
        everyDays: 90,
        createdBy: 'lead',
        createdAt: at(0),
      });
      await h.store.addRefresherSchedule({
        role: null,
        definitionId: 'triage',
        everyDays: 30,
        createdBy: 'lead',
        createdAt: at(1),
      });
      expect((await h.store.listRefresherSchedules()).map((x) => x.everyDays)).toEqual([90, 30]);
      await expect(
        h.store.addRefresherSchedule({
          role: null,
          definitionId: null,
          everyDays: 30,
          createdBy: 'lead',
          createdAt: at(2),
        }),
      ).rejects.toThrow();
      expect(await h.store.deleteRefresherSchedule(s.id)).toBe(true);
      expect(await h.store.deleteRefresherSchedule(s.id)).toBe(false);
      expect(await h.store.listRefresherSchedules()).toHaveLength(1);
    });
  });
}
