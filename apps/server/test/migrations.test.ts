import { createClient } from '@libsql/client';
import {
  canonicalJson,
  type Definition,
  type HistoryEntry,
  type MigratedEvent,
  migrateSnapshot,
  parseDefinition,
  proposeMapping,
  transition,
  verifyReplay,
} from '@portalflow/engine';
import { projectEffects } from '@portalflow/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parkedAt } from '../../../packages/engine/test/support/migration.ts';
import type { AuthUser } from '../src/auth/roles.ts';
import { isPracticeTaskDeadline } from '../src/instances/practice-deadlines.ts';
import { makeApp, type TestApp } from './support/app.ts';
import { complete, LAB, labV2Definition, park, publishLabV2 } from './support/migration.ts';

const v2 = parseDefinition(labV2Definition());

/** Every row a migration could touch, as one comparable text. */
async function dump(t: TestApp): Promise<string> {
  const db = createClient({ url: t.dbUrl });
  try {
    const out: Record<string, unknown> = {};
    for (const table of [
      'instances',
      'events',
      'tasks',
      'timers',
      'migration_plans',
      'migration_runs',
      'migration_results',
    ]) {
      out[table] = (await db.execute(`SELECT * FROM ${table} ORDER BY 1, 2`)).rows;
    }
    return JSON.stringify(out);
  } finally {
    db.close();
  }
}

async function leadUser(t: TestApp): Promise<AuthUser> {
  const u = t.user('lead');
  return { id: u.id, username: u.username, displayName: u.displayName, roles: u.roles, via: 'session' };
}

/** Replays the stored history across versions and compares with the stored snapshot; and the chain. */
async function expectConsistent(t: TestApp, instanceId: string): Promise<void> {
  const instance = (await t.store.getInstance(instanceId))!;
  const events = await t.store.listEvents(instanceId);
  const history: HistoryEntry[] = events.map((e) => ({
    at: e.at,
    event: e.payload as HistoryEntry['event'],
  }));
  const { start, versions } = await t.instances.historyDefinitions(instance, history);
  expect(verifyReplay(start, history, instance.snapshot, undefined, versions), instanceId).toEqual({
    ok: true,
  });
  expect(await t.store.verifyInstance(instanceId), instanceId).toMatchObject({
    ok: true,
    count: events.length,
  });
  // The task rows agree with the snapshot: every open item is an open task owned by its role.
  const open = (await t.store.listInstanceTasks(instanceId)).filter((task) => task.status === 'open');
  const tasks = Object.values(instance.snapshot.context.active).filter((a) => a.kind === 'task');
  expect(open.map((o) => [o.token, o.step, o.role]).sort()).toEqual(
    tasks.map((a) => [a.token, a.step, a.role]).sort(),
  );
  const timers = (
    await createClient({ url: t.dbUrl }).execute({
      sql: 'SELECT timer_id, due FROM timers WHERE instance_id = ?',
      args: [instanceId],
    })
  ).rows;
  // A practice task's deadline is shown but never fires: it has no timer row.
  expect(timers.map((r) => [r.timer_id, r.due]).sort()).toEqual(
    Object.values(instance.snapshot.context.timers)
      .filter((x) => !isPracticeTaskDeadline(instance, x.id))
      .map((x) => [x.id, x.due])
      .sort(),
  );
}

describe('migrating running instances between versions', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await makeApp();
    await publishLabV2(t);
  }, 60_000);
  afterEach(() => t.close());

  it('plans, dry-runs, edits, applies across every parked step; replay and verify hold afterwards', async () => {
    const lead = await t.session('lead');
    const ids: Record<string, string> = {};
    for (const [name, events] of Object.entries(parkedAt)) ids[name] = await park(t, events);
    const practiceId = await park(t, parkedAt['normal-comment']!, true);

    const created = await t.call('POST', '/api/migrations', {
      as: lead,
      body: { definitionId: LAB, fromVersion: 1, toVersion: 2 },
    });
    expect(created.status, created.text).toBe(201);
    const plan = created.body.plan;
    expect(plan.mapping).toMatchObject({
      'abnormal-call': 'abnormal-follow-up-call',
      'normal-comment': null,
    });
    expect(created.body.to.map((s: { id: string }) => s.id)).toContain('notify-patient');

    const dry = await t.call('POST', `/api/migrations/${plan.id}/dry-run`, {
      as: lead,
      body: { includePractice: true },
    });
    expect(dry.status, dry.text).toBe(200);
    expect(dry.headers.get('cache-control')).toContain('no-store');
    expect(dry.body.summary).toEqual({ total: 8, movable: 6, blocked: 2, practice: 1 });
    const row = (id: string) => dry.body.rows.find((r: { instanceId: string }) => r.instanceId === id);
    expect(row(ids['normal-comment']!)).toMatchObject({
      ok: false,
      blockers: [{ code: 'unmapped', step: 'normal-comment' }],
    });
    expect(row(practiceId)).toMatchObject({ practice: true, ok: false });
    const release = row(ids['release-to-portal+critical-call']!);
    expect(release.ok).toBe(true);
    expect(release.now.map((s: { role: string }) => s.role)).toEqual(['medical-records', 'provider']);
    expect(release.after.map((s: { step: string; role: string }) => [s.step, s.role])).toEqual([
      ['release-to-portal', 'medical-assistant'],
      ['critical-call', 'provider'],
    ]);
    // No form answers in a dry run: the subject line the Team page shows, steps, roles, times and ids.
    expect(dry.text).not.toContain('resultKind');

    const edited = await t.call('PUT', `/api/migrations/${plan.id}`, {
      as: lead,
      body: { mapping: { 'normal-comment': 'abnormal-review' }, revision: 1 },
    });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.body.plan).toMatchObject({
      revision: 2,
      mapping: { 'normal-comment': 'abnormal-review', 'verify-result': 'verify-result' },
    });
    const stale = await t.call('PUT', `/api/migrations/${plan.id}`, {
      as: lead,
      body: { mapping: {}, revision: 1 },
    });
    expect(stale.status).toBe(409);
    const dry2 = await t.call('POST', `/api/migrations/${plan.id}/dry-run`, {
      as: lead,
      body: { includePractice: true },
    });
    expect(dry2.body.summary).toMatchObject({ total: 8, movable: 8, blocked: 0 });

    t.clock.advance('PT10M');
    const applied = await t.call('POST', `/api/migrations/${plan.id}/apply`, {
      as: lead,
      body: { includePractice: true },
    });
    expect(applied.status, applied.text).toBe(202);
    await t.migrations.settled(applied.body.run.id);
    const run = await t.call('GET', `/api/migrations/${plan.id}/runs/${applied.body.run.id}`, {
      as: await t.session('auditor'),
    });
    expect(run.body.run).toMatchObject({
      status: 'done',
      total: 8,
      counts: { migrated: 8, skipped: 0, conflict: 0 },
    });
    expect(run.body.results).toHaveLength(8);
    // Each move is in the access log, written with the change itself.
    // Practice instances have an access report of their own.
    const log = [
      ...(await t.store.listAccess({ limit: 1000 })).items,
      ...(await t.store.listAccess({ limit: 1000, practice: true })).items,
    ];
    const moves = log.filter((e) => e.detail?.startsWith('migrated to version 2'));
    expect(moves.map((e) => e.instanceId).sort()).toEqual([...Object.values(ids), practiceId].sort());

    for (const id of [...Object.values(ids), practiceId]) {
      const instance = (await t.store.getInstance(id))!;
      expect(instance.version, id).toBe(2);
      await expectConsistent(t, id);
      const history = await t.call('GET', `/api/instances/${id}/history`, { as: lead });
      expect(history.body.timeline.some((e: { replayError?: string }) => e.replayError)).toBe(false);
      const moved = history.body.timeline.find((e: { type: string }) => e.type === 'migrated');
      expect(moved.summary).toBe('moved from version 1 to version 2');
    }
    // The follow-up call was renamed: the audit replay before the move shows version 1's step, after it version 2's.
    const callId = ids['abnormal-call']!;
    const events = await t.store.listEvents(callId);
    const migratedAt = events.find((e) => e.type === 'migrated')!.seq;
    const before = await t.call('GET', `/api/instances/${callId}/replay?at=${migratedAt - 1}`, { as: lead });
    expect(before.body.instance).toMatchObject({ version: 1, active: [{ step: 'abnormal-call' }] });
    const after = await t.call('GET', `/api/instances/${callId}/replay?at=${migratedAt}`, { as: lead });
    expect(after.body.instance).toMatchObject({
      version: 2,
      active: [{ step: 'abnormal-follow-up-call' }],
    });

    // The release task is now in the medical assistants' pool, and work goes on in version 2.
    const pool = await t.call('GET', '/api/tasks?scope=pool', { as: await t.session('medical-assistant') });
    expect(pool.body.items.map((x: { id: string }) => x.id)).toContain(
      `${ids['release-to-portal+critical-call']}:${Object.values((await t.store.getInstance(ids['release-to-portal+critical-call']!))!.snapshot.context.active).find((a) => a.step === 'release-to-portal')!.token}`,
    );
    const done = await complete(t, callId, 'abnormal-follow-up-call', 'follow-up-booked', 'triage-nurse');
    expect(done.status, done.text).toBe(200);
    const released = await complete(
      t,
      ids['release-to-portal+critical-call']!,
      'release-to-portal',
      'released',
      'medical-assistant',
    );
    expect(released.status, released.text).toBe(200);
    expect(released.body.instance.active.map((a: { step: string }) => a.step)).toContain('notify-patient');
    await expectConsistent(t, callId);
    await expectConsistent(t, ids['release-to-portal+critical-call']!);
    // The whole database still verifies, through the API too.
    const verify = await t.call('GET', '/api/audit/verify', { as: await t.session('auditor') });
    expect(verify.body).toMatchObject({ ok: true });
  }, 60_000);

  it('practice instances stay on their version unless the lead asks to include them', async () => {
    const lead = await t.session('lead');
    const realId = await park(t, parkedAt['verify-result']!);
    const practiceId = await park(t, parkedAt['verify-result']!, true);
    const created = await t.call('POST', '/api/migrations', {
      as: lead,
      body: { definitionId: LAB, fromVersion: 1, toVersion: 2 },
    });
    const planId = created.body.plan.id;

    const dry = await t.call('POST', `/api/migrations/${planId}/dry-run`, { as: lead });
    expect(dry.status, dry.text).toBe(200);
    expect(dry.body.summary).toMatchObject({ total: 1, practice: 0 });
    expect(dry.body.rows.map((r: { instanceId: string }) => r.instanceId)).toEqual([realId]);
    const asked = await t.call('POST', `/api/migrations/${planId}/dry-run`, {
      as: lead,
      body: { includePractice: true },
    });
    expect(asked.body.summary).toMatchObject({ total: 2, practice: 1 });

    const applied = await t.call('POST', `/api/migrations/${planId}/apply`, { as: lead });
    expect(applied.status, applied.text).toBe(202);
    expect(applied.body.run).toMatchObject({ total: 1 });
    await t.migrations.settled(applied.body.run.id);
    expect((await t.store.getInstance(realId))!.version).toBe(2);
    expect((await t.store.getInstance(practiceId))!.version).toBe(1);
    await expectConsistent(t, practiceId);

    const withPractice = await t.call('POST', `/api/migrations/${planId}/apply`, {
      as: lead,
      body: { includePractice: true },
    });
    expect(withPractice.status, withPractice.text).toBe(202);
    expect(withPractice.body.run).toMatchObject({ total: 1 });
    await t.migrations.settled(withPractice.body.run.id);
    expect((await t.store.getInstance(practiceId))!.version).toBe(2);
    await expectConsistent(t, practiceId);

    const bad = await t.call('POST', `/api/migrations/${planId}/dry-run`, {
      as: lead,
      body: { includePractice: 'yes' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
  }, 60_000);

  it('an apply retried with the same Idempotency-Key starts one run and answers the same', async () => {
    const lead = await t.session('lead');
    await park(t, parkedAt['verify-result']!);
    const created = await t.call('POST', '/api/migrations', {
      as: lead,
      body: { definitionId: LAB, fromVersion: 1, toVersion: 2 },
    });
    const planId = created.body.plan.id;
    const headers = { 'idempotency-key': 'apply-once' };
    const first = await t.call('POST', `/api/migrations/${planId}/apply`, { as: lead, headers });
    expect(first.status, first.text).toBe(202);
    await t.migrations.settled(first.body.run.id);
    const again = await t.call('POST', `/api/migrations/${planId}/apply`, { as: lead, headers });
    expect(again.status).toBe(202);
    expect(again.body.run.id).toBe(first.body.run.id);
    expect(await t.store.listMigrationRuns(planId)).toHaveLength(1);
    // Without the key, a second apply is a new run (with nothing left to move).
    const fresh = await t.call('POST', `/api/migrations/${planId}/apply`, { as: lead });
    expect(fresh.status).toBe(202);
    expect(fresh.body.run).toMatchObject({ total: 0 });
    await t.migrations.settled(fresh.body.run.id);
  }, 60_000);

  it('refuses an impossible mapping before anything changes', async () => {
    const lead = await t.session('lead');
    await park(t, parkedAt['harm-review+abnormal-review']!);
    await park(t, parkedAt['hold-for-discussion+critical-call']!);
    const created = await t.call('POST', '/api/migrations', {
      as: lead,
      body: { definitionId: LAB, fromVersion: 1, toVersion: 2 },
    });
    const planId = created.body.plan.id;
    const before = await dump(t);
    for (const mapping of [
      { 'harm-review': 'hold-for-discussion' },
      { 'critical-call': 'no-such-step' },
      { 'release-and-review': 'release-to-portal' },
    ]) {
      const res = await t.call('PUT', `/api/migrations/${planId}`, {
        as: lead,
        body: { mapping, revision: 1 },
      });
      expect(res.status, res.text).toBe(422);
      expect(res.body.error.code).toBe('MAPPING_INVALID');
      const post = await t.call('POST', '/api/migrations', {
        as: lead,
        body: { definitionId: LAB, fromVersion: 1, toVersion: 2, mapping },
      });
      expect(post.status).toBe(422);
    }
    expect(await dump(t)).toBe(before);
    // A plan made invalid behind the API's back is refused at apply, still before anything moves.
    await createClient({ url: t.dbUrl }).execute({
      sql: 'UPDATE migration_plans SET mapping = ? WHERE id = ?',
      args: [JSON.stringify({ ...created.body.plan.mapping, 'harm-review': 'hold-for-discussion' }), planId],
    });
    const tampered = await dump(t);
    const apply = await t.call('POST', `/api/migrations/${planId}/apply`, { as: lead });
    expect(apply.status, apply.text).toBe(422);
    expect(apply.body.error.details.issues[0]).toMatchObject({ code: 'kind-mismatch', step: 'harm-review' });
    expect(await dump(t)).toBe(tampered);
  }, 60_000);

  it('stopped half way, migrated and unmigrated instances are both consistent, and a new run finishes the job', async () => {
    const lead = await t.session('lead');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      for (const name of ['verify-result', 'harm-review+abnormal-review', 'abnormal-call'])
        ids.push(await park(t, parkedAt[name]!));
    }
    const created = await t.call('POST', '/api/migrations', {
      as: lead,
      body: { definitionId: LAB, fromVersion: 1, toVersion: 2 },
    });
    const planId = created.body.plan.id;
    let runId = '';
    const run = await t.migrations.apply(await leadUser(t), planId, {
      afterInstance: async (index) => {
        if (index === 3) {
          const stop = await t.call('POST', `/api/migrations/${planId}/runs/${runId}/stop`, { as: lead });
          expect(stop.status, stop.text).toBe(200);
          expect(stop.body.run.status).toBe('stopping');
        }
      },
    });
    runId = run.id;
    await t.migrations.settled(run.id);
    const stopped = (await t.store.getMigrationRun(run.id))!;
    expect(stopped).toMatchObject({ status: 'stopped', total: 9, counts: { migrated: 4 } });
    const versions = await Promise.all(ids.map(async (id) => (await t.store.getInstance(id))!.version));
    expect(versions.filter((v) => v === 2)).toHaveLength(4);
    expect(versions.filter((v) => v === 1)).toHaveLength(5);
    for (const id of ids) await expectConsistent(t, id);
    // The unmigrated ones still work on version 1.
    const still = ids.find((_, i) => versions[i] === 1 && i % 3 === 2)!;
    const call = await complete(t, still, 'abnormal-call', 'follow-up-booked', 'triage-nurse', {
      followUpDate: '2026-03-20',
    });
    expect(call.status, call.text).toBe(200);

    const again = await t.call('POST', `/api/migrations/${planId}/apply`, { as: lead });
    expect(again.status, again.text).toBe(202);
    expect(again.body.run.total).toBe(4);
    await t.migrations.settled(again.body.run.id);
    expect(await t.store.getMigrationRun(again.body.run.id)).toMatchObject({
      status: 'done',
      counts: { migrated: 4 },
    });
    for (const id of ids) {
      const instance = (await t.store.getInstance(id))!;
      expect(instance.status === 'done' || instance.version === 2, id).toBe(true);
      await expectConsistent(t, id);
    }
  }, 60_000);

  it('a completion racing a migration: exactly one wins at the same revision, never half of each', async () => {
    const v1 = (await t.store.getVersion(LAB, 1))!.definition as Definition;
    const mapping = proposeMapping(v1, v2);
    for (let round = 0; round < 4; round++) {
      const id = await park(t, parkedAt['release-to-portal+critical-call']!);
      const read = (await t.store.getInstance(id))!;
      const at = t.clock.advance('PT1M');
      const task = Object.values(read.snapshot.context.active).find((a) => a.step === 'release-to-portal')!;
      const completeEvent = {
        type: 'complete' as const,
        step: 'release-to-portal',
        outcome: 'released',
        role: 'medical-records',
      };
      const done = transition(v1, read.snapshot, completeEvent, at);
      const moved = migrateSnapshot(v1, v2, read.snapshot, mapping, at);
      if (!done.ok || !moved.ok) throw new Error('fixture');
      const event: MigratedEvent = { type: 'migrated', from: 1, to: 2, mapping };
      const completion = t.store.commitInstanceChange({
        instanceId: id,
        expectedRevision: read.revision,
        event: {
          at,
          actor: 'u-records',
          role: 'medical-records',
          type: 'complete',
          payload: completeEvent,
          prevHash: read.lastHash,
        },
        snapshot: done.snapshot,
        ...projectEffects(done.effects, { definition: v1, snapshot: done.snapshot, at, actor: 'u-records' }),
      });
      const migration = t.store.commitInstanceChange({
        instanceId: id,
        expectedRevision: read.revision,
        pin: { from: 1, to: 2 },
        event: {
          at,
          actor: 'lead',
          role: 'designer',
          type: 'migrated',
          payload: event,
          prevHash: read.lastHash,
        },
        snapshot: moved.snapshot,
        ...projectEffects(moved.effects, { definition: v2, snapshot: moved.snapshot, at, actor: 'lead' }),
      });
      const results =
        round % 2 === 0
          ? await Promise.all([completion, migration])
          : (await Promise.all([migration, completion])).reverse();
      expect(
        results.filter((r) => r.ok),
        `round ${round}`,
      ).toHaveLength(1);
      const after = (await t.store.getInstance(id))!;
      const winner = results[0]!.ok ? 'complete' : 'migrated';
      const last = (await t.store.listEvents(id)).at(-1)!;
      expect(last.type).toBe(winner);
      expect(after.version).toBe(winner === 'migrated' ? 2 : 1);
      expect(canonicalJson(after.snapshot)).toBe(
        canonicalJson(winner === 'migrated' ? moved.snapshot : done.snapshot),
      );
      const row = (await t.store.getTask(`${id}:${task.token}`))!;
      expect(row.status === 'closed').toBe(winner === 'complete');
      expect(row.role).toBe(winner === 'migrated' ? 'medical-assistant' : 'medical-records');
      await expectConsistent(t, id);
    }

    // Through the API: the completion and a run race; whichever comes second sees the other's state.
    const lead = await t.session('lead');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(await park(t, parkedAt['release-to-portal+critical-call']!));
    const created = await t.call('POST', '/api/migrations', {
      as: lead,
      body: { definitionId: LAB, fromVersion: 1, toVersion: 2 },
    });
    const [applied, ...completions] = await Promise.all([
      t.call('POST', `/api/migrations/${created.body.plan.id}/apply`, { as: lead }),
      ...ids.map((id) => complete(t, id, 'release-to-portal', 'released', 'medical-records')),
    ]);
    await t.migrations.settled(applied.body.run.id);
    for (const [i, id] of ids.entries()) {
      const events = (await t.store.listEvents(id)).map((e) => e.type);
      const status = completions[i]!.status;
      if (status === 200) expect(events.slice(-2), id).toEqual(['complete', 'migrated']);
      else {
        // The migration came first: the task belongs to the medical assistants now.
        expect([403, 409], id).toContain(status);
        expect(events.at(-1)).toBe('migrated');
      }
      expect((await t.store.getInstance(id))!.version).toBe(2);
      await expectConsistent(t, id);
    }
  }, 60_000);
});
