import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventHash, GENESIS_HASH, type InstanceChange, StoreError } from '../../src/index.ts';
import type { NewHarness, StoreHarness } from '../support/harness.ts';
import { at, mustGet, nextChange, publish, startChange, startInstance, T0 } from '../support/workflow.ts';

const claim = (user: string) => ({
  type: 'reassign' as const,
  step: 'classify',
  assignee: user,
  actor: user,
  role: 'front-desk',
});

export function instanceCases(newHarness: NewHarness): void {
  describe('committing instance changes', () => {
    let h: StoreHarness;
    beforeEach(async () => {
      h = await newHarness();
      await publish(h.store);
    });
    afterEach(() => h.close());

    const count = async (table: string, where = '1 = 1') =>
      Number((await h.sql(`SELECT count(*) AS n FROM ${table} WHERE ${where}`))[0]!.n);

    it('starts an instance: event 1 hashed by the store, snapshot, tasks and timers in one unit', async () => {
      const change = startChange('i-1');
      const result = await h.store.commitInstanceChange(change);
      const hash = eventHash({
        instanceId: 'i-1',
        seq: 1,
        at: T0,
        actor: 'frontdesk-1',
        role: 'front-desk',
        type: 'start',
        payload: change.event.payload,
        prevHash: GENESIS_HASH,
      });
      expect(result).toEqual({ ok: true, revision: 1, seq: 1, hash });

      const instance = await mustGet(h.store, 'i-1');
      expect(instance).toMatchObject({
        definitionId: 'portal-message-triage',
        version: 1,
        status: 'active',
        revision: 1,
        lastHash: hash,
        startedBy: 'frontdesk-1',
        practice: false,
      });
      expect(instance.snapshot).toEqual(change.snapshot);
      const [task] = await h.store.listInstanceTasks('i-1');
      expect(task).toMatchObject({
        step: 'classify',
        title: 'Classify the message',
        role: 'front-desk',
        status: 'open',
        assignee: null,
        due: at(240),
      });
      expect(task?.id).toBe(`i-1:${task?.token}`);
      expect(await count('timers')).toBe(1);
      const events = await h.store.listEvents('i-1');
      expect(events).toMatchObject([
        { seq: 1, type: 'start', prevHash: GENESIS_HASH, hash, payload: change.event.payload },
      ]);
    });

    it('reports a taken id as a conflict and an unpublished version as unknown-version', async () => {
      await startInstance(h.store, 'i-1');
      expect(await h.store.commitInstanceChange(startChange('i-1'))).toEqual({
        ok: false,
        reason: 'conflict',
      });
      expect(await h.store.commitInstanceChange(startChange('i-2', { version: 7 }))).toEqual({
        ok: false,
        reason: 'unknown-version',
      });
      expect(await h.store.getInstance('i-2')).toBeNull();
      expect(await count('events')).toBe(1);
    });

    it('applies a change only at the revision read; the loser writes nothing at all', async () => {
      const read = await startInstance(h.store, 'i-1');
      const winner = nextChange(
        read,
        { type: 'complete', step: 'classify', outcome: 'clinical', role: 'front-desk', actor: 'fd-1' },
        at(5),
      );
      const loser: InstanceChange = {
        ...nextChange(read, claim('fd-2'), at(6)),
        notifications: [{ kind: 'assigned', userId: 'someone', createdAt: at(6) }],
        idempotency: {
          key: 'k-loser',
          userId: 'fd-2',
          route: 'POST /api/tasks/:id/claim',
          status: 200,
          response: { ok: true },
        },
      };
      expect(await h.store.commitInstanceChange(winner)).toMatchObject({ ok: true, revision: 2, seq: 2 });
      expect(await h.store.commitInstanceChange(loser)).toEqual({ ok: false, reason: 'conflict' });

      const after = await mustGet(h.store, 'i-1');
      expect(after.revision).toBe(2);
      expect(after.snapshot).toEqual(winner.snapshot);
      expect((await h.store.listEvents('i-1')).map((e) => e.type)).toEqual(['start', 'complete']);
      const tasks = await h.store.listInstanceTasks('i-1');
      expect(tasks.find((t) => t.step === 'classify')).toMatchObject({
        status: 'closed',
        outcome: 'clinical',
        closedBy: 'fd-1',
        assignee: null,
      });
      expect(tasks.find((t) => t.step === 'nurse-review')).toMatchObject({ status: 'open', role: 'nurse' });
      expect(await count('notifications')).toBe(0);
      expect(await h.store.getIdempotency('k-loser', 'fd-2')).toBeNull();
      expect(await count('timers')).toBe(0);
      expect((await h.store.verifyInstance('i-1')).ok).toBe(true);
    });

    it('lets exactly one of 200 concurrent changes at the same revision win', async () => {
      const read = await startInstance(h.store, 'i-1');
      const changes = Array.from({ length: 200 }, (_, n) => nextChange(read, claim(`user-${n}`), at(1)));
      const results = await Promise.all(changes.map((c) => h.store.commitInstanceChange(c)));
      const winners = results.flatMap((r, n) => (r.ok ? [n] : []));
      expect(winners).toHaveLength(1);
      expect(results.filter((r) => !r.ok && r.reason === 'conflict')).toHaveLength(199);
      const after = await mustGet(h.store, 'i-1');
      expect(after.revision).toBe(2);
      const [task] = await h.store.listInstanceTasks('i-1');
      expect(task?.assignee).toBe(`user-${winners[0]}`);
      expect(await count('events')).toBe(2);
      expect(await count('notifications')).toBe(0);
    });

    it('commits 500 concurrent changes to 500 instances, all of them', async () => {
      const results = await Promise.all(
        Array.from({ length: 500 }, (_, n) => h.store.commitInstanceChange(startChange(`i-${n}`))),
      );
      expect(results.every((r) => r.ok)).toBe(true);
      expect(await count('instances')).toBe(500);
      expect(await count('tasks', "status = 'open'")).toBe(500);
      expect(await count('events')).toBe(500);
    });

    it('turns a claim race into one winner and one conflict, never a silent override', async () => {
      const read = await startInstance(h.store, 'i-1');
      const [a, b] = await Promise.all([
        h.store.commitInstanceChange(nextChange(read, claim('ana'), at(1))),
        h.store.commitInstanceChange(nextChange(read, claim('ben'), at(1))),
      ]);
      expect([a.ok, b.ok].sort()).toEqual([false, true]);
      const winner = a.ok ? 'ana' : 'ben';
      expect((await h.store.listTasks({ scope: 'mine', userId: winner })).items).toHaveLength(1);
      expect((await h.store.listTasks({ scope: 'mine', userId: a.ok ? 'ben' : 'ana' })).items).toHaveLength(
        0,
      );
    });

    it('treats a prevHash that is not the instance head as a conflict', async () => {
      const read = await startInstance(h.store, 'i-1');
      const change = nextChange({ ...read, lastHash: 'f'.repeat(64) }, claim('ana'), at(1));
      expect(await h.store.commitInstanceChange(change)).toEqual({ ok: false, reason: 'conflict' });
      expect((await h.store.verifyInstance('i-1')).ok).toBe(true);
    });

    it('rejects malformed changes as caller bugs', async () => {
      const bad = [
        { ...startChange('i-1'), expectedRevision: 1 },
        { ...startChange('i-1'), create: undefined },
        { ...startChange('i-1'), event: { ...startChange('i-1').event, prevHash: 'abc' } },
        { ...startChange('i-1'), expectedRevision: -1 },
        { ...startChange('i-1'), notifications: [{ kind: 'assigned', createdAt: T0 }] },
        {
          ...startChange('i-1'),
          tasks: [{ op: 'open', token: 'x', step: 's', role: 'nurse', openedAt: T0 }],
        },
        { ...startChange('i-1'), timers: [{ op: 'set', timerId: 't' }] },
      ];
      for (const change of bad) {
        await expect(h.store.commitInstanceChange(change as InstanceChange)).rejects.toBeInstanceOf(
          StoreError,
        );
      }
    });

    it('stores the idempotency record with the change, and replays it', async () => {
      const read = await startInstance(h.store, 'i-1');
      const response = { instance: { id: 'i-1', revision: 2 }, note: 'é ✓' };
      await h.store.commitInstanceChange({
        ...nextChange(read, claim('ana'), at(1)),
        idempotency: { key: 'k-1', userId: 'ana', route: 'POST /api/tasks/:id/claim', status: 200, response },
      });
      expect(await h.store.getIdempotency('k-1', 'ana')).toEqual({
        key: 'k-1',
        userId: 'ana',
        route: 'POST /api/tasks/:id/claim',
        status: 200,
        response,
        createdAt: at(1),
      });
      expect(await h.store.getIdempotency('k-1', 'ben')).toBeNull();
      expect(
        await h.store.saveIdempotency({ key: 'k-1', userId: 'ana', route: 'x', status: 500, response: null }),
      ).toBe(false);
      expect(
        await h.store.saveIdempotency({
          key: 'k-2',
          userId: 'ana',
          route: 'POST /api/users',
          status: 201,
          response: [1],
          createdAt: at(2),
        }),
      ).toBe(true);
      expect(await h.store.purgeIdempotency(at(2))).toBe(1);
      expect(await h.store.getIdempotency('k-1', 'ana')).toBeNull();
      expect((await h.store.getIdempotency('k-2', 'ana'))?.response).toEqual([1]);
    });

    it('escalates on a fired deadline: task moves role, timer goes, the new role is notified', async () => {
      const read = await startInstance(h.store, 'i-1');
      const timerId = Object.keys(read.snapshot.context.timers)[0]!;
      const result = await h.store.commitInstanceChange(
        nextChange(read, { type: 'timer-fired', timer: timerId }, at(240)),
      );
      expect(result.ok).toBe(true);
      const [task] = await h.store.listInstanceTasks('i-1');
      expect(task).toMatchObject({ role: 'supervisor', escalated: true, status: 'open' });
      expect(await h.store.nextTimerDue()).toBeNull();
      const notes = await h.store.listNotifications({ userId: 'sup-1', roles: ['supervisor'] });
      expect(notes).toMatchObject([
        { kind: 'escalated', role: 'supervisor', taskId: task?.id, instanceId: 'i-1' },
      ]);
    });

    it('finds instances by a value in their data: whole values, any case, quotes and accents too', async () => {
      const withData = async (id: string, data: Record<string, unknown>) => {
        const change = startChange(id);
        change.snapshot = { ...change.snapshot, context: { ...change.snapshot.context, data } };
        expect((await h.store.commitInstanceChange(change)).ok).toBe(true);
      };
      await withData('a', { patient: 'DEMO-4007', note: 'said "call me"' });
      await withData('b', { patient: 'demo-40070', city: 'Cañon City' });
      await withData('c', { patient: 'DEMO_4007', count: 4007 });
      const ids = async (value: string) =>
        (await h.store.listInstances({ dataValue: value })).items.map((i) => i.id).sort();
      expect(await ids('demo-4007')).toEqual(['a']); // not a part of another value, not '_' as a wildcard
      expect(await ids('DEMO-40070')).toEqual(['b']);
      expect(await ids('demo_4007')).toEqual(['c']);
      expect(await ids('said "call me"')).toEqual(['a']);
      expect(await ids('Cañon City')).toEqual(['b']);
      expect(await ids('4007')).toEqual([]); // a number is not a text value
      expect(await ids('DEMO-4')).toEqual([]);
      // As read out or copied: spaces, no dash, a "#" do not make it another reference.
      expect(await ids(' #demo 4007 ')).toEqual(['a']);
      expect(await ids('DEMO4007')).toEqual(['a']);
      // Its FHIR spelling, typed or kept (the EHR sent it so), is the same reference.
      await withData('d', { patient: 'Patient/DEMO-4008' });
      expect(await ids('Patient/DEMO-4007')).toEqual(['a']);
      expect(await ids('demo 4008')).toEqual(['d']);
      expect(await ids('patient/DEMO-4008')).toEqual(['d']);
      expect(await ids('Patient/')).toEqual([]);
      // The EHR's full address, as staff copy it off the chart, is the same reference too.
      expect(await ids('https://ehr.example/fhir/Patient/DEMO-4007')).toEqual(['a']);
      expect(await ids('https://ehr.example/fhir/Patient/demo-4008/_history/2')).toEqual(['d']);
      expect(await ids('https://ehr.example/fhir/Group/DEMO-4007')).toEqual([]);
    });

    it('reads events by range and lists instances by filter, newest first, page by page', async () => {
      for (let n = 0; n < 5; n++)
        await startInstance(h.store, `i-${n}`, { when: at(n * 60), actor: n % 2 ? 'odd' : 'even' });
      await startInstance(h.store, 'p-1', { practice: true });
      const read = await mustGet(h.store, 'i-0');
      await h.store.commitInstanceChange(nextChange(read, claim('odd'), at(500)));
      await h.store.commitInstanceChange(
        nextChange(
          await mustGet(h.store, 'i-0'),
          { type: 'cancel', actor: 'odd', role: 'front-desk' },
          at(501),
        ),
      );

      expect((await h.store.listEvents('i-0', { fromSeq: 2 })).map((e) => e.seq)).toEqual([2, 3]);
      expect((await h.store.listEvents('i-0', { toSeq: 1 })).map((e) => e.seq)).toEqual([1]);

      const ids = async (filter: Parameters<typeof h.store.listInstances>[0]) =>
        (await h.store.listInstances(filter)).items.map((i) => i.id);
      expect(await ids({})).toEqual(['i-4', 'i-3', 'i-2', 'i-1', 'i-0']);
      expect(await ids({ practice: true })).toEqual(['p-1']);
      expect(await ids({ status: 'cancelled' })).toEqual(['i-0']);
      expect(await ids({ startedFrom: at(60), startedTo: at(180) })).toEqual(['i-2', 'i-1']);
      // Changed since: i-0 was cancelled at 501, the others last changed when they started.
      expect(await ids({ updatedFrom: at(180) })).toEqual(['i-4', 'i-3', 'i-0']);
      expect(await ids({ updatedFrom: at(501), status: 'cancelled' })).toEqual(['i-0']);
      expect(await ids({ actor: 'odd' })).toEqual(['i-3', 'i-1', 'i-0']);
      expect(await ids({ actors: ['odd', 'nobody'] })).toEqual(['i-3', 'i-1', 'i-0']);
      expect(await ids({ actors: ['even'] })).toEqual(['i-4', 'i-2', 'i-0']);
      // Who acted on a request is kept once per person: i-0's three events by two people are two rows.
      const actors = await h.sql(
        "SELECT actor FROM instance_actors WHERE instance_id = 'i-0' ORDER BY actor",
      );
      expect(actors.map((r) => r.actor)).toEqual(['even', 'odd']);
      expect(await ids({ definitionId: 'other' })).toEqual([]);

      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await h.store.listInstances({ limit: 2, cursor });
        seen.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(['i-4', 'i-3', 'i-2', 'i-1', 'i-0']);
      await expect(h.store.listInstances({ cursor: 'garbage' })).rejects.toMatchObject({
        code: 'CURSOR_INVALID',
      });
    });
  });
}
