import { createClient } from '@libsql/client';
import type { EngineEvent } from '@portalflow/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openStore,
  type Store,
  type TallyKey,
  type TaskFact,
  type TaskTally,
  taskFactsFromHistory,
} from '../src/index.ts';
import { tempDir } from './support/temp-db.ts';
import { at, mustGet, nextChange, publish, startInstance, T0, triage } from './support/workflow.ts';

const FROM = T0;
const TO = at(60 * 24 * 10);

/** Nearest-rank percentile, computed the plain way: sort, take rank ⌈p·n⌉. */
function nearestRank(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil((p / 100) * sorted.length) - 1]!;
}

/** The sheet's numbers recomputed in JavaScript from task facts replayed out of the events. */
function expectedTallies(
  facts: TaskFact[],
  keys: readonly TallyKey[],
  from: string,
  to: string,
): TaskTally[] {
  const groups = new Map<string, TaskFact[]>();
  const column = (f: TaskFact, k: TallyKey) =>
    k === 'person' ? f.closedBy : k === 'role' ? f.role : k === 'workflow' ? triage.id : f.outcome;
  for (const f of facts) {
    if (f.closeReason !== 'completed' || !f.closedAt || f.closedAt < from || f.closedAt >= to) continue;
    const key = JSON.stringify(keys.map((k) => column(f, k)));
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, group]) => {
      const values = JSON.parse(key) as (string | null)[];
      const ms = group.map((f) => Date.parse(f.closedAt!) - Date.parse(f.openedAt));
      const out: TaskTally = {
        person: null,
        role: null,
        workflow: null,
        step: null,
        outcome: null,
        completed: group.length,
        medianMs: nearestRank(ms, 50),
        p90Ms: nearestRank(ms, 90),
        late: group.filter((f) => f.due !== null && f.closedAt! > f.due).length,
        escalated: group.filter((f) => f.escalated).length,
      };
      keys.forEach((k, i) => {
        out[k] = values[i] ?? null;
      });
      return out;
    });
}

describe('tracking sheet tallies', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let store: Store;
  const real: string[] = [];

  /** One message: classified (maybe after escalation, maybe late), then maybe answered by a nurse. */
  async function run(id: string, n: number, practice = false) {
    const start = at(n * 37, T0);
    let inst = await startInstance(store, id, { when: start, practice });
    const commit = async (event: EngineEvent, when: string) => {
      const r = await store.commitInstanceChange(nextChange(inst, event, when));
      if (!r.ok) throw new Error(`${id}: ${r.reason}`);
      inst = await mustGet(store, id);
    };
    const escalate = n % 5 === 0;
    let role = 'front-desk';
    if (escalate) {
      const timer = Object.values(inst.snapshot.context.timers)[0]!;
      await commit({ type: 'timer-fired', timer: timer.id }, timer.due);
      role = 'supervisor';
    }
    const classifyAfter = escalate ? 300 + n : 10 + ((n * 53) % 400); // some past the 4 h deadline
    const sorter = escalate ? 'sup-1' : `fd-${n % 3}`;
    const spam = n % 4 === 0;
    await commit(
      { type: 'complete', step: 'classify', outcome: spam ? 'spam' : 'clinical', actor: sorter, role },
      at(classifyAfter, start),
    );
    if (!spam && n % 7 !== 3) {
      await commit(
        { type: 'complete', step: 'nurse-review', outcome: 'answered', actor: `rn-${n % 2}`, role: 'nurse' },
        at(classifyAfter + 5 + ((n * 31) % 900), start),
      );
    }
    if (!practice) real.push(id);
  }

  beforeAll(async () => {
    tmp = await tempDir();
    store = await openStore({ url: tmp.url() });
    await publish(store);
    for (let n = 1; n <= 60; n++) await run(`m-${n}`, n);
    // Practice runs by the same people: they must never count.
    for (let n = 1; n <= 12; n++) await run(`p-${n}`, n, true);
  }, 60_000);
  afterAll(async () => {
    await store.close();
    await tmp.remove();
  });

  async function allFacts(): Promise<TaskFact[]> {
    const facts: TaskFact[] = [];
    for (const id of real) facts.push(...taskFactsFromHistory(triage, await store.listEvents(id)));
    return facts;
  }

  it('the task projection agrees with the tasks replayed from the hash-chained events', async () => {
    for (const id of real) {
      const replayed = taskFactsFromHistory(triage, await store.listEvents(id));
      const projected = await store.listInstanceTasks(id);
      expect(projected.length).toBe(replayed.length);
      for (const fact of replayed) {
        const row = projected.find((t) => t.token === fact.token)!;
        expect({
          step: row.step,
          role: row.role,
          openedAt: row.openedAt,
          due: row.due,
          escalated: row.escalated,
          closedAt: row.closedAt,
          outcome: row.outcome,
          closeReason: row.closeReason,
          closedBy: row.closedBy,
        }).toEqual({
          step: fact.step,
          role: fact.role,
          openedAt: fact.openedAt,
          due: fact.due,
          escalated: fact.escalated,
          closedAt: fact.closedAt,
          outcome: fact.outcome,
          closeReason: fact.closeReason,
          closedBy: fact.closedBy,
        });
      }
    }
  });

  const groupings: TallyKey[][] = [
    ['person', 'role', 'workflow', 'outcome'],
    ['person', 'role'],
    ['role', 'workflow', 'outcome'],
    ['role'],
    [],
  ];
  it.each(groupings.map((k) => [k.join('+') || 'everything', k] as const))(
    'SQL tallies by %s equal the same numbers computed from the events',
    async (_name, keys) => {
      const facts = await allFacts();
      const got = await store.tallyCompletedTasks({ from: FROM, to: TO, keys });
      expect(got).toEqual(expectedTallies(facts, keys, FROM, TO));
      expect(got.reduce((s, r) => s + r.completed, 0)).toBeGreaterThan(60);
      expect(got.some((r) => r.late > 0)).toBe(true);
      expect(got.some((r) => r.escalated > 0)).toBe(true);
    },
  );

  it('several groupings from one scan equal each grouping on its own', async () => {
    const sets = await store.tallyCompletedTaskSets({ from: FROM, to: TO }, groupings);
    for (const [i, keys] of groupings.entries()) {
      expect(sets[i]).toEqual(await store.tallyCompletedTasks({ from: FROM, to: TO, keys }));
    }
  });

  it('a narrower period and a person filter select the same tasks the events do', async () => {
    const from = at(600);
    const to = at(1400);
    const facts = (await allFacts()).filter((f) => f.closedBy === 'rn-1');
    const got = await store.tallyCompletedTasks({ from, to, userId: 'rn-1', keys: ['person', 'outcome'] });
    expect(got).toEqual(expectedTallies(facts, ['person', 'outcome'], from, to));
    expect(got[0]!.completed).toBeGreaterThan(0);
  });

  it('counts complete events equal to completed tasks (the projection cross-check), practice excluded', async () => {
    const tallies = await store.tallyCompletedTasks({ from: FROM, to: TO, keys: [] });
    expect(await store.countCompletionEvents({ from: FROM, to: TO })).toBe(tallies[0]!.completed);
    const raw = createClient({ url: tmp.url() });
    const all = await raw.execute("SELECT count(*) AS n FROM events WHERE type = 'complete'");
    raw.close();
    expect(Number(all.rows[0]!.n)).toBeGreaterThan(tallies[0]!.completed); // practice ones exist
  });

  it('never counts practice work: tallies, open overdue, volume and completions', async () => {
    const before = await store.tallyCompletedTasks({ from: FROM, to: TO, keys: ['person'] });
    const openBefore = await store.tallyOpenOverdue({ from: FROM, to: TO, asOf: TO, keys: ['role'] });
    // A practice message by a person who has no real work at all.
    let inst = await startInstance(store, 'p-solo', { when: at(100), practice: true, actor: 'trainee' });
    const r = await store.commitInstanceChange(
      nextChange(
        inst,
        { type: 'complete', step: 'classify', outcome: 'clinical', actor: 'trainee', role: 'front-desk' },
        at(500),
      ),
    );
    expect(r.ok).toBe(true);
    inst = await mustGet(store, 'p-solo');
    expect(inst.practice).toBe(true);
    const after = await store.tallyCompletedTasks({ from: FROM, to: TO, keys: ['person'] });
    expect(after).toEqual(before);
    expect(after.find((t) => t.person === 'trainee')).toBeUndefined();
    expect(await store.tallyOpenOverdue({ from: FROM, to: TO, asOf: TO, keys: ['role'] })).toEqual(
      openBefore,
    );
    const volume = await store.tallyVolume({ days: [{ day: 'all', start: FROM, end: TO }] });
    expect(volume.reduce((s, v) => s + v.completed, 0)).toBe(before.reduce((s, t) => s + t.completed, 0));
    const completions = await store.countCompletions({
      from: FROM,
      to: TO,
      workflow: triage.id,
      userId: 'trainee',
      fields: [],
    });
    expect(completions).toEqual([]);
  });

  it('open tasks past due count as overdue for their assignee and role', async () => {
    const facts = await allFacts();
    const asOf = TO;
    const open = facts.filter((f) => f.closedAt === null && f.due !== null && f.due < asOf && f.due >= FROM);
    const got = await store.tallyOpenOverdue({ from: FROM, to: TO, asOf, keys: ['role'] });
    const byRole = new Map<string, number>();
    for (const f of open) byRole.set(f.role, (byRole.get(f.role) ?? 0) + 1);
    expect(got.map((g) => [g.role, g.open])).toEqual([...byRole.entries()].sort());
  });

  it('escalations count when they happen, by the person and role they left, open or done', async () => {
    const facts = await allFacts();
    const expected = (keys: readonly ('person' | 'role')[], from: string, to: string) => {
      const groups = new Map<string, number>();
      for (const e of facts.flatMap((f) => f.escalations)) {
        if (e.at < from || e.at >= to) continue;
        const key = JSON.stringify([
          keys.includes('person') ? e.fromPerson : null,
          keys.includes('role') ? e.fromRole : null,
        ]);
        groups.set(key, (groups.get(key) ?? 0) + 1);
      }
      return [...groups.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([key, escalations]) => {
          const [person, role] = JSON.parse(key) as [string | null, string | null];
          return { person, role, escalations };
        });
    };
    const escalations = facts.flatMap((f) => f.escalations);
    expect(escalations.length).toBeGreaterThan(5);
    expect(escalations.every((e) => e.fromRole === 'front-desk')).toBe(true);
    for (const keys of [['person', 'role'], ['role'], []] as const)
      expect(await store.tallyEscalations({ from: FROM, to: TO, keys })).toEqual(expected(keys, FROM, TO));
    // A narrower period counts only the escalations that happened in it.
    const half = at(60 * 24, T0);
    expect(await store.tallyEscalations({ from: FROM, to: half, keys: ['role'] })).toEqual(
      expected(['role'], FROM, half),
    );
    expect(await store.tallyEscalations({ from: FROM, to: TO, keys: ['role'], role: 'supervisor' })).toEqual(
      [],
    );
  });

  it('volume per day and role adds up to the period tally', async () => {
    const days = Array.from({ length: 10 }, (_, i) => ({
      day: `d${i}`,
      start: at(i * 1440),
      end: at((i + 1) * 1440),
    }));
    const volume = await store.tallyVolume({ days });
    const byRole = await store.tallyCompletedTasks({ from: FROM, to: TO, keys: ['role'] });
    for (const r of byRole) {
      expect(volume.filter((v) => v.role === r.role).reduce((s, v) => s + v.completed, 0)).toBe(r.completed);
    }
    expect(new Set(volume.map((v) => v.day)).size).toBeGreaterThan(1);
  });

  it('counts completions of a workflow from its events, grouped by step, outcome and form fields', async () => {
    const got = await store.countCompletions({ from: FROM, to: TO, workflow: triage.id, fields: ['topic'] });
    const total = got.reduce((s, c) => s + c.count, 0);
    expect(total).toBe(await store.countCompletionEvents({ from: FROM, to: TO }));
    expect(got.every((c) => c.values.topic === null)).toBe(true);
    await expect(
      store.countCompletions({ from: FROM, to: TO, workflow: triage.id, fields: ["x') --"] }),
    ).rejects.toThrow(/not a field name/);
  });
});

describe('manual tracking entries', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let store: Store;
  let userId: string;
  beforeAll(async () => {
    tmp = await tempDir();
    store = await openStore({ url: tmp.url() });
    const u = await store.createUser({
      username: 'enroller',
      passwordHash: 'x',
      roles: ['portal-enrollment-specialist'],
    });
    if (!u.ok) throw new Error('user');
    userId = u.user.id;
  });
  afterAll(async () => {
    await store.close();
    await tmp.remove();
  });

  it('records create, edit and delete with old → new values, who and when, in a hash chain', async () => {
    const entry = await store.createTrackingEntry({
      userId,
      kind: 'shift',
      day: '2026-03-02',
      fields: { site: 'Main clinic', hours: 4 },
      actor: userId,
      at: T0,
    });
    expect(entry.revision).toBe(1);
    const edited = await store.updateTrackingEntry({
      id: entry.id,
      expectedRevision: 1,
      fields: { site: 'Main clinic', hours: 6.5, shift: 'AM' },
      actor: 'lead-1',
      at: at(60),
    });
    expect(edited.ok && edited.entry.revision).toBe(2);
    const stale = await store.updateTrackingEntry({
      id: entry.id,
      expectedRevision: 1,
      day: '2026-03-03',
      actor: userId,
    });
    expect(stale.ok).toBe(false);
    expect(!stale.ok && stale.reason).toBe('conflict');
    const deleted = await store.deleteTrackingEntry({
      id: entry.id,
      expectedRevision: 2,
      actor: userId,
      at: at(120),
    });
    expect(deleted.ok).toBe(true);
    expect(await store.getTrackingEntry(entry.id)).toBeNull();
    expect(await store.listTrackingEntries({ fromDay: '2026-03-01', toDay: '2026-03-31' })).toEqual([]);

    const trail = await store.listTrackingEntryChanges(entry.id);
    expect(trail.map((c) => [c.seq, c.action, c.actor, c.at])).toEqual([
      [1, 'create', userId, T0],
      [2, 'update', 'lead-1', at(60)],
      [3, 'delete', userId, at(120)],
    ]);
    expect(trail[1]!.changes).toEqual([
      { field: 'fields.hours', from: 4, to: 6.5 },
      { field: 'fields.shift', from: null, to: 'AM' },
    ]);
    expect(trail[2]!.changes).toContainEqual({ field: 'fields.hours', from: 6.5, to: null });
    expect(trail[1]!.prevHash).toBe(trail[0]!.hash);
    expect(await store.verifyTrackingEntry(entry.id)).toMatchObject({ ok: true, count: 3 });
  });

  it('the audit trail refuses edits, and an edit made around the trigger is detected', async () => {
    const entry = await store.createTrackingEntry({
      userId,
      kind: 'training',
      day: '2026-03-04',
      fields: { topic: 'Proxy forms', attendees: 5 },
      actor: userId,
    });
    const raw = createClient({ url: tmp.url() });
    await expect(
      raw.execute({
        sql: 'UPDATE tracking_entry_audit SET actor = ? WHERE entry_id = ?',
        args: ['x', entry.id],
      }),
    ).rejects.toThrow(/append-only/);
    await raw.execute('DROP TRIGGER tracking_entry_audit_no_update');
    await raw.execute({
      sql: `UPDATE tracking_entry_audit SET changes = json('[{"field":"fields.attendees","from":null,"to":50}]') WHERE entry_id = ?`,
      args: [entry.id],
    });
    raw.close();
    const check = await store.verifyTrackingEntry(entry.id);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.reason).toMatch(/does not match its stored hash/);
  });
});
