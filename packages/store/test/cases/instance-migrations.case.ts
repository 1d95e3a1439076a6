import { type Definition, migrateSnapshot, proposeMapping } from '@portalflow/engine';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Instance, InstanceChange } from '../../src/index.ts';
import { projectEffects } from '../../src/index.ts';
import type { NewHarness, StoreHarness } from '../support/harness.ts';
import { at, mustGet, publish, startInstance, triage } from '../support/workflow.ts';

/** Version 2 of the triage: classify renamed to sort-message and owned by the nurse pool. */
const triage2: Definition = (() => {
  const d = structuredClone(triage);
  const { classify, ...rest } = d.steps;
  d.steps = { 'sort-message': { ...classify!, role: 'nurse' } as typeof classify & object, ...rest };
  d.start = 'sort-message';
  return d;
})();

function migrationChange(instance: Instance, runId?: string): InstanceChange {
  const mapping = proposeMapping(triage, triage2);
  const when = at(30);
  const moved = migrateSnapshot(triage, triage2, instance.snapshot, mapping, when);
  if (!moved.ok) throw new Error(moved.blockers[0]!.message);
  const event = { type: 'migrated' as const, from: 1, to: 2, mapping };
  return {
    instanceId: instance.id,
    expectedRevision: instance.revision,
    pin: { from: 1, to: 2, ...(runId ? { runId } : {}) },
    event: {
      at: when,
      actor: 'lead',
      role: 'designer',
      type: 'migrated',
      payload: event,
      prevHash: instance.lastHash,
    },
    snapshot: moved.snapshot,
    ...projectEffects(moved.effects, {
      definition: triage2,
      snapshot: moved.snapshot,
      at: when,
      actor: 'lead',
    }),
  };
}

export function instanceMigrationCases(newHarness: NewHarness): void {
  describe('instance migrations', () => {
    let h: StoreHarness;
    beforeEach(async () => {
      h = await newHarness();
      await publish(h.store);
    });
    afterEach(() => h.close());

    it('keeps plans with a revision-checked mapping', async () => {
      const plan = await h.store.createMigrationPlan({
        definitionId: triage.id,
        fromVersion: 1,
        toVersion: 2,
        mapping: { classify: null },
        createdBy: 'lead',
        at: at(0),
      });
      expect(plan).toMatchObject({ revision: 1, fromVersion: 1, toVersion: 2, mapping: { classify: null } });
      const ok = await h.store.updateMigrationPlan({
        id: plan.id,
        mapping: { classify: 'x' },
        expectedRevision: 1,
      });
      expect(ok).toMatchObject({ ok: true, plan: { revision: 2, mapping: { classify: 'x' } } });
      const stale = await h.store.updateMigrationPlan({ id: plan.id, mapping: {}, expectedRevision: 1 });
      expect(stale).toMatchObject({ ok: false, reason: 'conflict', current: { revision: 2 } });
      expect(await h.store.updateMigrationPlan({ id: 'nope', mapping: {}, expectedRevision: 1 })).toEqual({
        ok: false,
        reason: 'not-found',
      });
      expect((await h.store.listMigrationPlans(triage.id)).map((p) => p.id)).toEqual([plan.id]);
    });

    it('runs one at a time per plan, stops on request and counts results', async () => {
      const plan = await h.store.createMigrationPlan({
        definitionId: triage.id,
        fromVersion: 1,
        toVersion: 2,
        mapping: {},
        createdBy: 'lead',
      });
      const first = await h.store.startMigrationRun({
        planId: plan.id,
        mapping: {},
        total: 2,
        startedBy: 'lead',
      });
      if (!first.ok) throw new Error('not started');
      expect(
        await h.store.startMigrationRun({ planId: plan.id, mapping: {}, total: 2, startedBy: 'lead' }),
      ).toEqual({
        ok: false,
        reason: 'busy',
      });
      expect(
        await h.store.startMigrationRun({ planId: 'nope', mapping: {}, total: 0, startedBy: 'lead' }),
      ).toEqual({
        ok: false,
        reason: 'not-found',
      });
      await startInstance(h.store, 'i-1');
      await h.store.recordMigrationResult({
        runId: first.run.id,
        instanceId: 'i-1',
        status: 'skipped',
        reason: 'unmapped',
        at: at(1),
      });
      expect(await h.store.requestMigrationStop(first.run.id)).toBe(true);
      expect(await h.store.requestMigrationStop(first.run.id)).toBe(false);
      expect(await h.store.finishMigrationRun(first.run.id, 'stopped')).toBe(true);
      expect(await h.store.finishMigrationRun(first.run.id, 'done')).toBe(false);
      const run = await h.store.getMigrationRun(first.run.id);
      expect(run).toMatchObject({ status: 'stopped', total: 2, counts: { skipped: 1, migrated: 0 } });
      expect(run?.stopRequestedAt).not.toBeNull();
      const again = await h.store.startMigrationRun({
        planId: plan.id,
        mapping: {},
        total: 1,
        startedBy: 'lead',
      });
      expect(again.ok).toBe(true);
      expect(await h.store.listMigrationResults(first.run.id)).toEqual([
        expect.objectContaining({ instanceId: 'i-1', status: 'skipped', reason: 'unmapped', seq: null }),
      ]);
    });

    it('pins an instance to the new version in the same conditional write as its event and tasks', async () => {
      const instance = await startInstance(h.store, 'i-1', { when: at(0) });
      // Not yet published: the pin cannot win and nothing is written.
      expect(await h.store.commitInstanceChange(migrationChange(instance))).toEqual({
        ok: false,
        reason: 'conflict',
      });
      expect(await mustGet(h.store, 'i-1')).toEqual(instance);
      await publish(h.store, triage2);
      const plan = await h.store.createMigrationPlan({
        definitionId: triage.id,
        fromVersion: 1,
        toVersion: 2,
        mapping: {},
        createdBy: 'lead',
      });
      const started = await h.store.startMigrationRun({
        planId: plan.id,
        mapping: {},
        total: 1,
        startedBy: 'lead',
      });
      if (!started.ok) throw new Error('not started');
      const change = migrationChange(instance, started.run.id);
      const result = await h.store.commitInstanceChange(change);
      expect(result).toMatchObject({ ok: true, seq: 2 });
      const after = await mustGet(h.store, 'i-1');
      expect(after.version).toBe(2);
      expect(after.snapshot).toEqual(change.snapshot);
      const [task] = await h.store.listInstanceTasks('i-1');
      expect(task).toMatchObject({
        step: 'sort-message',
        title: 'Classify the message',
        role: 'nurse',
        status: 'open',
      });
      expect(await h.store.listMigrationResults(started.run.id)).toEqual([
        expect.objectContaining({ instanceId: 'i-1', status: 'migrated', seq: 2 }),
      ]);
      expect(await h.store.verifyInstance('i-1')).toMatchObject({ ok: true, count: 2 });
      // The same change again is stale (revision and version both moved).
      expect(await h.store.commitInstanceChange(change)).toEqual({ ok: false, reason: 'conflict' });
    });
  });
}
