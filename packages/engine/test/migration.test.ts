import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../src/canonical.ts';
import type { Definition } from '../src/definition.ts';
import {
  BlockerCode,
  checkMapping,
  historyVersions,
  migrateSnapshot,
  parkableSteps,
  proposeMapping,
  type StepMapping,
} from '../src/migration/index.ts';
import { parseDefinition } from '../src/parse.ts';
import { replay, verifyReplay } from '../src/replay.ts';
import { transition } from '../src/transition.ts';
import { labV1, labV2, parkedAt, run } from './support/migration.ts';

/** The part of `values` a step's form declares: a completion writes nothing else. */
const formData = (definition: Definition, step: string, values: Record<string, unknown>) => {
  const s = definition.steps[step];
  const ids = new Set(s?.type === 'task' ? (s.form ?? []).map((f) => f.id) : []);
  return Object.fromEntries(Object.entries(values).filter(([k]) => ids.has(k)));
};

const v1 = labV1();
const v2 = labV2();
const proposed = proposeMapping(v1, v2);
const edited: StepMapping = { ...proposed, 'normal-comment': 'abnormal-review' };

describe('proposeMapping', () => {
  it('maps by id, a renamed step by its title, and leaves a removed step unmapped', () => {
    expect(Object.keys(proposed).sort()).toEqual(parkableSteps(v1).sort());
    expect(proposed['verify-result']).toBe('verify-result');
    expect(proposed['release-to-portal']).toBe('release-to-portal');
    expect(proposed['abnormal-call']).toBe('abnormal-follow-up-call');
    expect(proposed['normal-comment']).toBeNull();
    expect(checkMapping(v1, v2, proposed)).toEqual([]);
  });
});

describe('checkMapping', () => {
  it('names each impossible entry', () => {
    const issues = checkMapping(v1, v2, {
      'harm-review': 'hold-for-discussion',
      'critical-call': 'no-such-step',
      'review-route': 'abnormal-review',
    });
    expect(issues.map((i) => [i.step, i.code])).toEqual([
      ['harm-review', BlockerCode.KIND_MISMATCH],
      ['critical-call', BlockerCode.TARGET_MISSING],
      ['review-route', BlockerCode.UNKNOWN_STEP],
    ]);
    expect(issues[0]!.message).toContain("'harm-review' is a task but 'hold-for-discussion'");
  });

  it('refuses a wait mapped to a step that does not wait for its signal', () => {
    const v3 = structuredClone(v2);
    (v3.steps['hold-for-discussion'] as { signal?: string }).signal = 'provider-called';
    const issues = checkMapping(v1, v3, proposeMapping(v1, v3));
    expect(issues).toEqual([
      expect.objectContaining({ code: BlockerCode.SIGNAL_MISSING, step: 'hold-for-discussion' }),
    ]);
  });
});

describe('migrateSnapshot', () => {
  const at = '2026-03-05T12:00:00.000Z';

  it('moves an instance parked at every step, keeping tokens, and replay reproduces it', () => {
    const seen = new Set<string>();
    for (const [name, events] of Object.entries(parkedAt)) {
      const before = run(v1, events);
      for (const a of Object.values(before.snapshot.context.active)) seen.add(a.step);
      const moved = migrateSnapshot(v1, v2, before.snapshot, edited, at);
      if (!moved.ok) throw new Error(`${name}: ${moved.blockers.map((b) => b.message).join('; ')}`);
      const tokens = (s: typeof before.snapshot) =>
        Object.values(s.context.active)
          .map((a) => a.token)
          .sort();
      expect(tokens(moved.snapshot)).toEqual(tokens(before.snapshot));
      expect(moved.snapshot.seq).toBe(before.snapshot.seq + 1);
      for (const a of Object.values(moved.snapshot.context.active)) {
        expect(v2.steps[a.step], `${name}: ${a.step}`).toBeDefined();
        if (a.kind === 'task') expect(v2.roles.map((r) => r.id)).toContain(a.role);
      }
      // Replay switches to version 2 at the migrated event and lands on exactly this snapshot.
      const history = [
        ...before.history,
        { at, event: { type: 'migrated' as const, from: 1, to: 2, mapping: edited } },
      ];
      const versions = (v: number) => (v === 1 ? v1 : v === 2 ? v2 : undefined);
      expect(canonicalJson(replay(v1, history, { versions }))).toBe(canonicalJson(moved.snapshot));
      expect(verifyReplay(v1, history, moved.snapshot, undefined, versions)).toEqual({ ok: true });
      // Stored as JSON and read back, the snapshot still runs on version 2.
      const stored = JSON.parse(JSON.stringify(moved.snapshot));
      const open = Object.values(stored.context.active as Record<string, { kind: string; step: string }>);
      const task = open.find((a) => a.kind === 'task');
      if (task) {
        const outcome = Object.keys(
          (v2.steps[task.step] as { outcomes: Record<string, string> }).outcomes,
        )[0]!;
        const role = stored.context.active as Record<string, { role: string; step: string }>;
        const owner = Object.values(role).find((x) => x.step === task.step)!.role;
        const r = transition(
          v2,
          stored,
          {
            type: 'complete',
            step: task.step,
            outcome,
            role: owner,
            data: formData(v2, task.step, { resultKind: 'lab', flag: 'normal', holdRequested: false }),
          },
          '2026-03-05T12:05:00.000Z',
        );
        expect(r.ok, `${name}: ${r.ok ? '' : r.error.message}`).toBe(true);
      }
    }
    expect([...seen].sort()).toEqual(parkableSteps(v1).sort());
  });

  it('moves the task to the new owner pool and drops the assignee', () => {
    const { snapshot } = run(v1, [
      ...parkedAt['release-to-portal+critical-call']!,
      { type: 'reassign', step: 'release-to-portal', assignee: 'u-records' },
    ]);
    const moved = migrateSnapshot(v1, v2, snapshot, proposed, at);
    if (!moved.ok) throw new Error('blocked');
    const release = moved.landing.find((l) => l.fromStep === 'release-to-portal')!;
    expect(release).toMatchObject({ fromRole: 'medical-records', role: 'medical-assistant', assignee: null });
    const critical = moved.landing.find((l) => l.fromStep === 'critical-call')!;
    expect(critical).toMatchObject({ fromRole: 'provider', role: 'provider' });
    expect(moved.effects).toContainEqual(
      expect.objectContaining({
        type: 'task.updated',
        reason: 'migrated',
        changes: { role: ['medical-records', 'medical-assistant'], assignee: ['u-records', null] },
      }),
    );
  });

  it('re-computes a changed deadline from when the task opened, and moves its timer', () => {
    const { snapshot } = run(v1, parkedAt['harm-review+abnormal-review']!);
    const moved = migrateSnapshot(v1, v2, snapshot, proposed, at);
    if (!moved.ok) throw new Error('blocked');
    const review = Object.values(moved.snapshot.context.active).find((a) => a.step === 'abnormal-review')!;
    const old = Object.values(snapshot.context.active).find((a) => a.step === 'abnormal-review')!;
    expect(review.due! < old.due!).toBe(true);
    expect(moved.snapshot.context.timers[`${review.token}.deadline`]?.due).toBe(review.due);
    expect(moved.effects).toContainEqual(
      expect.objectContaining({ type: 'timer.set', id: `${review.token}.deadline`, due: review.due }),
    );
    // The unchanged deadline keeps its timer untouched.
    const harm = Object.values(moved.snapshot.context.active).find((a) => a.step === 'harm-review')!;
    expect(moved.snapshot.context.timers[`${harm.token}.deadline`]?.due).toBe(harm.due);
  });

  it('an escalated task stays with the escalation role', () => {
    const started = run(v1, []);
    const due = started.snapshot.context.timers['1.deadline']!.due;
    const fired = transition(v1, started.snapshot, { type: 'timer-fired', timer: '1.deadline' }, due);
    if (!fired.ok) throw fired.error;
    const moved = migrateSnapshot(v1, v2, fired.snapshot, proposed, '2026-03-10T12:00:00.000Z');
    if (!moved.ok) throw new Error('blocked');
    expect(moved.landing[0]).toMatchObject({ step: 'verify-result', role: 'nurse-manager' });
  });

  it('says why an instance cannot move', () => {
    const cases: Array<[string, StepMapping, string, string]> = [
      ['normal-comment', proposed, BlockerCode.UNMAPPED, "'normal-comment' is not mapped"],
      [
        'verify-result',
        { ...proposed, 'verify-result': 'harm-review' },
        BlockerCode.PARALLEL_MISMATCH,
        'outside any parallel step',
      ],
      [
        'harm-review+abnormal-review',
        { ...proposed, 'harm-review': 'critical-call' },
        BlockerCode.PARALLEL_MISMATCH,
        'Two open branches',
      ],
      [
        'abnormal-call',
        { ...proposed, 'abnormal-call': 'verify-result' },
        BlockerCode.PARALLEL_MISMATCH,
        'in branch 2',
      ],
    ];
    for (const [name, mapping, code, text] of cases) {
      const { snapshot } = run(v1, parkedAt[name]!);
      const moved = migrateSnapshot(v1, v2, snapshot, mapping, at);
      expect(moved.ok, name).toBe(false);
      if (moved.ok) continue;
      expect(moved.blockers[0]!.code).toBe(code);
      expect(moved.blockers[0]!.message).toContain(text);
    }
  });

  it('refuses a branch that could never reach its join', () => {
    const v3 = structuredClone(v2);
    (v3.steps['abnormal-follow-up-call'] as { outcomes: Record<string, string> }).outcomes = {
      'try-again': 'abnormal-follow-up-call',
    };
    const { snapshot } = run(v1, parkedAt['abnormal-call']!);
    const moved = migrateSnapshot(v1, v3, snapshot, proposed, at);
    expect(moved.ok).toBe(false);
    if (!moved.ok) expect(moved.blockers[0]!.code).toBe(BlockerCode.JOIN_NEVER_COMPLETES);
  });

  it('refuses an ended instance and a time before the last change', () => {
    const { snapshot } = run(v1, []);
    const cancelled = transition(v1, snapshot, { type: 'cancel' }, '2026-03-02T16:00:00.000Z');
    if (!cancelled.ok) throw cancelled.error;
    const a = migrateSnapshot(v1, v2, cancelled.snapshot, proposed, at);
    expect(a.ok === false && a.blockers[0]!.code).toBe(BlockerCode.NOT_ACTIVE);
    const b = migrateSnapshot(v1, v2, snapshot, proposed, '2026-03-01T00:00:00.000Z');
    expect(b.ok === false && b.blockers[0]!.code).toBe(BlockerCode.TIME_WENT_BACKWARDS);
  });
});

describe('replay across a migration', () => {
  it('continues on version 2 after the migrated event and verifies; an altered mapping fails', () => {
    const before = run(v1, parkedAt['abnormal-call']!);
    const at = before.at;
    const moved = migrateSnapshot(v1, v2, before.snapshot, proposed, at);
    if (!moved.ok) throw new Error('blocked');
    const history = [
      ...before.history,
      { at, event: { type: 'migrated' as const, from: 1, to: 2, mapping: proposed } },
    ];
    const after = run(
      v2,
      [
        {
          type: 'complete',
          step: 'abnormal-follow-up-call',
          outcome: 'follow-up-booked',
          role: 'triage-nurse',
        },
      ],
      {
        snapshot: moved.snapshot,
        history,
        at: '2026-03-02T18:00:00.000Z',
      },
    );
    expect(after.snapshot.status).toBe('done');
    const versions = (v: number) => ({ 1: v1, 2: v2 })[v];
    expect(verifyReplay(v1, after.history, after.snapshot, undefined, versions)).toEqual({ ok: true });
    expect(historyVersions(after.history, 2)).toEqual({ start: 1, versions: [1, 2] });
    expect(historyVersions(before.history, 1)).toEqual({ start: 1, versions: [1] });
    // Replay at the event before the migration is still version 1's state.
    expect(replay(v1, after.history, { at: before.history.length, versions })?.value).toEqual(
      before.snapshot.value,
    );
    // Without version 2 replay cannot go past the migration; with a different mapping it disagrees.
    expect(verifyReplay(v1, after.history, after.snapshot).ok).toBe(false);
    const altered = after.history.map((h) =>
      h.event.type === 'migrated'
        ? { ...h, event: { ...h.event, mapping: { ...proposed, 'abnormal-call': null } } }
        : h,
    );
    const check = verifyReplay(v1, altered, after.snapshot, undefined, versions);
    expect(check.ok).toBe(false);
    expect(check.message).toContain('no longer applies');
  });
});

describe('nested parallel steps', () => {
  const nested = (renamed: boolean): Definition => {
    const x = renamed ? 'check-x2' : 'check-x';
    return parseDefinition({
      id: 'nested',
      title: 'Nested parallel',
      roles: [
        { id: 'a', name: 'A' },
        { id: 'b', name: 'B' },
      ],
      start: 'outer',
      steps: {
        outer: { type: 'parallel', branches: ['left', 'inner'], join: 'finish' },
        left: { type: 'task', role: 'a', title: 'Left', outcomes: { done: 'finish' } },
        inner: { type: 'parallel', branches: [x, 'check-y'], join: 'after-inner' },
        [x]: { type: 'task', role: renamed ? 'b' : 'a', title: 'Check X', outcomes: { done: 'after-inner' } },
        'check-y': { type: 'task', role: 'b', title: 'Check Y', outcomes: { done: 'after-inner' } },
        'after-inner': { type: 'task', role: 'a', title: 'After inner', outcomes: { done: 'finish' } },
        finish: { type: 'end' },
      },
    });
  };
  const n1 = nested(false);
  const n2 = nested(true);

  it('moves open steps inside nested regions and replays exactly', () => {
    const before = run(n1, [{ type: 'complete', step: 'check-y', outcome: 'done', role: 'b' }]);
    expect(before.snapshot.value).toEqual({
      outer: { b0: 'left', b1: { inner: { b0: 'check-x', b1: '__joined' } } },
    });
    const mapping = proposeMapping(n1, n2);
    expect(mapping['check-x']).toBe('check-x2');
    const moved = migrateSnapshot(n1, n2, before.snapshot, mapping, before.at);
    if (!moved.ok) throw new Error(moved.blockers[0]!.message);
    expect(moved.snapshot.value).toEqual({
      outer: { b0: 'left', b1: { inner: { b0: 'check-x2', b1: '__joined' } } },
    });
    expect(moved.landing.find((l) => l.fromStep === 'check-x')).toMatchObject({
      step: 'check-x2',
      role: 'b',
    });
    const history = [
      ...before.history,
      { at: before.at, event: { type: 'migrated' as const, from: 1, to: 2, mapping } },
    ];
    const after = run(n2, [{ type: 'complete', step: 'check-x2', outcome: 'done', role: 'b' }], {
      snapshot: moved.snapshot,
      history,
      at: before.at,
    });
    expect(
      Object.values(after.snapshot.context.active)
        .map((a) => a.step)
        .sort(),
    ).toEqual(['after-inner', 'left']);
    const versions = (v: number) => (v === 1 ? n1 : n2);
    expect(verifyReplay(n1, after.history, after.snapshot, undefined, versions)).toEqual({ ok: true });
  });

  it('refuses to move a step from the inner parallel to the outer one', () => {
    const before = run(n1, [{ type: 'complete', step: 'check-y', outcome: 'done', role: 'b' }]);
    const mapping = { ...proposeMapping(n1, n2), 'check-x': 'after-inner' };
    const moved = migrateSnapshot(n1, n2, before.snapshot, mapping, before.at);
    expect(moved.ok).toBe(false);
    if (!moved.ok) expect(moved.blockers[0]!.code).toBe(BlockerCode.PARALLEL_MISMATCH);
  });
});
