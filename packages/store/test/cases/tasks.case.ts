import type { InstanceSnapshot } from '@portalflow/engine';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GENESIS_HASH, type Store, type TaskChange, type TaskQuery } from '../../src/index.ts';
import type { NewHarness, StoreHarness } from '../support/harness.ts';
import { at, publish, T0 } from '../support/workflow.ts';

/** Tasks written directly, to control due times, roles and assignees exactly. */
async function seed(
  store: Store,
  instanceId: string,
  tasks: Array<Partial<Extract<TaskChange, { op: 'open' }>>>,
  practice = false,
) {
  const snapshot = {
    definitionId: 'portal-message-triage',
    status: 'active',
    value: 'x',
    context: { data: {}, active: {}, timers: {}, counter: 1 },
    seq: 1,
    startedAt: T0,
    updatedAt: T0,
  } as InstanceSnapshot;
  const result = await store.commitInstanceChange({
    instanceId,
    expectedRevision: 0,
    create: { definitionId: 'portal-message-triage', version: 1, startedBy: 'seed', practice },
    event: { at: T0, actor: 'seed', role: null, type: 'start', payload: {}, prevHash: GENESIS_HASH },
    snapshot,
    tasks: tasks.map((t, n) => ({
      op: 'open',
      token: `t${n}`,
      step: 's',
      title: `Task ${n}`,
      role: 'nurse',
      openedAt: T0,
      ...t,
    })),
  });
  if (!result.ok) throw new Error('seed failed');
}

export function taskCases(newHarness: NewHarness): void {
  describe('work queues', () => {
    let h: StoreHarness;
    beforeEach(async () => {
      h = await newHarness();
      await publish(h.store);
      await seed(h.store, 'i-1', [
        { token: 'late', due: at(300) },
        { token: 'nodue' },
        { token: 'soon', due: at(10) },
        { token: 'soon-older', due: at(10), openedAt: at(-5) },
        { token: 'mine', due: at(20), assignee: 'ana' },
        { token: 'desk', due: at(5), role: 'front-desk' },
        { token: 'desk-ana', due: at(1), role: 'front-desk', assignee: 'ana' },
        { token: 'billing-ana', role: 'billing', assignee: 'ana', due: at(400) },
      ]);
      await seed(h.store, 'p-1', [{ token: 'practice', due: at(0) }], true);
    });
    afterEach(() => h.close());

    const tokens = async (q: TaskQuery) => (await h.store.listTasks(q)).items.map((t) => t.token);

    it('orders by due with no-due last, then opened time, then id', async () => {
      expect(await tokens({ scope: 'pool', roles: ['nurse'] })).toEqual([
        'soon-older',
        'soon',
        'late',
        'nodue',
      ]);
    });

    it('scopes: mine, pool over several roles, all', async () => {
      expect(await tokens({ scope: 'mine', userId: 'ana' })).toEqual(['desk-ana', 'mine', 'billing-ana']);
      expect(await tokens({ scope: 'pool', roles: ['nurse', 'front-desk'] })).toEqual([
        'desk',
        'soon-older',
        'soon',
        'late',
        'nodue',
      ]);
      expect(await tokens({ scope: 'pool', roles: [] })).toEqual([]);
      expect(await tokens({ scope: 'all', roles: ['nurse'], userId: 'ana' })).toEqual([
        'desk-ana',
        'soon-older',
        'soon',
        'mine',
        'late',
        'billing-ana',
        'nodue',
      ]);
      expect(await tokens({ scope: 'all', roles: ['front-desk'] })).toEqual(['desk-ana', 'desk']);
      await expect(h.store.listTasks({ scope: 'mine' })).rejects.toMatchObject({ code: 'QUERY_INVALID' });
    });

    it('filters by status, definition, due time and practice', async () => {
      expect(await tokens({ scope: 'pool', roles: ['nurse'], dueBefore: at(300) })).toEqual([
        'soon-older',
        'soon',
      ]);
      expect(await tokens({ scope: 'pool', roles: ['nurse'], definitionId: 'other' })).toEqual([]);
      expect(await tokens({ scope: 'pool', roles: ['nurse'], practice: true })).toEqual(['practice']);
      expect(await tokens({ scope: 'all', roles: ['nurse'], status: 'closed' })).toEqual([]);

      const read = await h.store.getInstance('i-1');
      await h.store.commitInstanceChange({
        instanceId: 'i-1',
        expectedRevision: read!.revision,
        event: {
          at: at(30),
          actor: 'ana',
          role: 'nurse',
          type: 'complete',
          payload: {},
          prevHash: read!.lastHash,
        },
        snapshot: read!.snapshot,
        tasks: [
          {
            op: 'close',
            token: 'mine',
            closedAt: at(30),
            outcome: 'answered',
            reason: 'completed',
            closedBy: 'ana',
          },
        ],
      });
      expect(await tokens({ scope: 'mine', userId: 'ana', status: 'closed' })).toEqual(['mine']);
      expect(await h.store.getTask('i-1:mine')).toMatchObject({
        status: 'closed',
        outcome: 'answered',
        closedAt: at(30),
        closeReason: 'completed',
        closedBy: 'ana',
      });
      expect(await h.store.getTask('i-1:nope')).toBeNull();
    });

    it('pages with a cursor without skipping or repeating', async () => {
      for (const q of [
        { scope: 'pool', roles: ['nurse', 'front-desk'] },
        { scope: 'all', roles: ['nurse'], userId: 'ana' },
      ] as TaskQuery[]) {
        const all = await tokens(q);
        const paged: string[] = [];
        let cursor: string | null = null;
        do {
          const page = await h.store.listTasks({ ...q, limit: 2, cursor });
          paged.push(...page.items.map((t) => t.token));
          cursor = page.nextCursor;
        } while (cursor);
        expect(paged).toEqual(all);
      }
    });

    it('updates only the fields a change names', async () => {
      const read = await h.store.getInstance('i-1');
      await h.store.commitInstanceChange({
        instanceId: 'i-1',
        expectedRevision: read!.revision,
        event: {
          at: at(1),
          actor: 'sup',
          role: 'supervisor',
          type: 'reassign',
          payload: {},
          prevHash: read!.lastHash,
        },
        snapshot: read!.snapshot,
        tasks: [
          { op: 'update', token: 'late', assignee: 'ben', priority: 'urgent' },
          { op: 'update', token: 'soon', due: null },
        ],
      });
      expect(await h.store.getTask('i-1:late')).toMatchObject({
        assignee: 'ben',
        priority: 'urgent',
        role: 'nurse',
        due: at(300),
        escalated: false,
      });
      expect(await h.store.getTask('i-1:soon')).toMatchObject({ due: null });
    });
  });
}
