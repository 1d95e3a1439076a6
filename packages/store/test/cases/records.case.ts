import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccessEntry } from '../../src/index.ts';
import type { NewHarness, StoreHarness } from '../support/harness.ts';
import { at, mustGet, nextChange, publish, startInstance } from '../support/workflow.ts';

const entry = (minute: number, patch: Partial<AccessEntry> = {}): AccessEntry => ({
  at: at(minute),
  userId: 'ana',
  role: 'nurse',
  action: 'instance.read',
  instanceId: 'i-1',
  dataCategory: 'phi',
  outcome: 'allow',
  detail: null,
  ...patch,
});

export function recordCases(newHarness: NewHarness): void {
  describe('access log, notifications, comments', () => {
    let h: StoreHarness;
    beforeEach(async () => {
      h = await newHarness();
    });
    afterEach(() => h.close());

    it('appends access entries (group-committed) and lists them by period, oldest first', async () => {
      await Promise.all(
        Array.from({ length: 30 }, (_, n) =>
          h.store.logAccess(entry(n, n % 10 === 0 ? { outcome: 'deny', userId: 'ben' } : {})),
        ),
      );
      const period = await h.store.listAccess({ from: at(10), to: at(20) });
      expect(period.items.map((e) => e.at)).toEqual(Array.from({ length: 10 }, (_, n) => at(10 + n)));
      expect(period.items[0]).toMatchObject({
        userId: 'ben',
        outcome: 'deny',
        dataCategory: 'phi',
        instanceId: 'i-1',
      });
      expect((await h.store.listAccess({ outcome: 'deny' })).items.map((e) => e.at)).toEqual([
        at(0),
        at(10),
        at(20),
      ]);
      expect((await h.store.listAccess({ userId: 'ben', instanceId: 'i-1' })).items).toHaveLength(3);

      const paged: number[] = [];
      let cursor: string | null = null;
      do {
        const page = await h.store.listAccess({ limit: 7, cursor });
        paged.push(...page.items.map((e) => e.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(paged).toHaveLength(30);
      await expect(h.sql("UPDATE access_log SET outcome = 'allow'")).rejects.toThrow(/append-only/);
    });

    it('notifies a person or a role, and lets only an addressee mark it read', async () => {
      const mine = await h.store.addNotification({
        kind: 'assigned',
        userId: 'ana',
        taskId: 'i-1:t1',
        instanceId: 'i-1',
        createdAt: at(1),
      });
      const pool = await h.store.addNotification({ kind: 'overdue', role: 'nurse', createdAt: at(2) });
      await h.store.addNotification({ kind: 'escalated', role: 'provider', createdAt: at(3) });
      await expect(h.store.addNotification({ kind: 'overdue' })).rejects.toMatchObject({
        code: 'QUERY_INVALID',
      });

      expect((await h.store.listNotifications({ userId: 'ana', roles: ['nurse'] })).map((n) => n.id)).toEqual(
        [pool.id, mine.id],
      );
      expect(
        await h.store.markNotificationsRead([mine.id, pool.id], { userId: 'ben', roles: ['provider'] }),
      ).toBe(0);
      expect(await h.store.markNotificationsRead([mine.id], { userId: 'ana' }, at(5))).toBe(1);
      expect(
        await h.store.listNotifications({ userId: 'ana', roles: ['nurse'], unreadOnly: true }),
      ).toMatchObject([{ id: pool.id, readAt: null }]);
      expect((await h.store.listNotifications({ userId: 'ana' }))[0]).toMatchObject({
        id: mine.id,
        readAt: at(5),
      });
    });

    it('writes an assigned notification with the change that assigns, not for self-claims', async () => {
      await publish(h.store);
      const read = await startInstance(h.store, 'i-1');
      await h.store.commitInstanceChange(
        nextChange(
          read,
          { type: 'reassign', step: 'classify', assignee: 'ana', actor: 'ana', role: 'front-desk' },
          at(1),
        ),
      );
      expect(await h.store.listNotifications({ userId: 'ana' })).toEqual([]);
      const again = await mustGet(h.store, 'i-1');
      await h.store.commitInstanceChange(
        nextChange(
          again,
          { type: 'reassign', step: 'classify', assignee: 'ben', actor: 'sup', role: 'supervisor' },
          at(2),
        ),
      );
      const [task] = await h.store.listInstanceTasks('i-1');
      expect(await h.store.listNotifications({ userId: 'ben' })).toMatchObject([
        { kind: 'assigned', taskId: task?.id, instanceId: 'i-1', createdAt: at(2) },
      ]);
    });

    it('keeps comments on a task in order; none on a task that does not exist', async () => {
      await publish(h.store);
      await startInstance(h.store, 'i-1');
      const [task] = await h.store.listInstanceTasks('i-1');
      const first = await h.store.addComment({
        taskId: task!.id,
        userId: 'ana',
        body: 'Called twice, no answer.',
        at: at(1),
      });
      await h.store.addComment({ taskId: task!.id, userId: 'ben', body: 'Left voicemail.', at: at(2) });
      expect(first).toMatchObject({ taskId: task!.id, instanceId: 'i-1', userId: 'ana', at: at(1) });
      expect((await h.store.listComments(task!.id)).map((c) => c.body)).toEqual([
        'Called twice, no answer.',
        'Left voicemail.',
      ]);
      expect(await h.store.addComment({ taskId: 'i-1:nope', userId: 'ana', body: 'x' })).toBeNull();
    });
  });
}
