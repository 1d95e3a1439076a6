import { describe, expect, it } from 'vitest';
import type { Definition, TaskStep } from '../src/definition.ts';
import type { EngineEvent } from '../src/events.ts';
import type { InstanceSnapshot } from '../src/snapshot.ts';
import { transition } from '../src/transition.ts';
import { labs, triage } from './support/definitions.ts';

const T0 = '2026-03-02T16:00:00.000Z';

function run(definition: Definition, events: Array<[EngineEvent, string]>): InstanceSnapshot {
  let snapshot: InstanceSnapshot | null = null;
  for (const [event, at] of events) {
    const result = transition(definition, snapshot, event, at);
    if (!result.ok) throw result.error;
    snapshot = result.snapshot;
  }
  return snapshot!;
}

const active = (s: InstanceSnapshot) =>
  Object.values(s.context.active)
    .map((a) => `${a.step}@${a.role ?? ''}`)
    .sort();

describe('transition', () => {
  it('starts at the start step and opens its task for the owning role, with a due time', () => {
    const result = transition(triage, null, { type: 'start' }, T0);
    if (!result.ok) throw result.error;
    expect(result.snapshot.status).toBe('active');
    expect(active(result.snapshot)).toEqual(['classify@front-desk']);
    expect(result.effects).toContainEqual({
      type: 'task.opened',
      token: '1',
      step: 'classify',
      role: 'front-desk',
      due: '2026-03-02T20:00:00.000Z',
      priority: 'normal',
    });
    expect(result.effects).toContainEqual({
      type: 'timer.set',
      id: '1.deadline',
      token: '1',
      step: 'classify',
      kind: 'deadline',
      due: '2026-03-02T20:00:00.000Z',
    });
  });

  it('routes through a decision on the data the task recorded', () => {
    const s = run(triage, [
      [{ type: 'start' }, T0],
      [
        {
          type: 'complete',
          step: 'classify',
          outcome: 'clinical',
          role: 'front-desk',
          data: { urgent: true },
        },
        T0,
      ],
    ]);
    expect(active(s)).toEqual(['call-patient@nurse']);
    const t = run(triage, [
      [{ type: 'start' }, T0],
      [
        {
          type: 'complete',
          step: 'classify',
          outcome: 'clinical',
          role: 'front-desk',
          data: { urgent: false },
        },
        T0,
      ],
    ]);
    expect(active(t)).toEqual(['nurse-review@nurse']);
  });

  it('reports the edges it took and closes the completed task with its outcome', () => {
    const start = transition(triage, null, { type: 'start' }, T0);
    if (!start.ok) throw start.error;
    const done = transition(
      triage,
      start.snapshot,
      { type: 'complete', step: 'classify', outcome: 'spam', role: 'front-desk', actor: 'u1' },
      T0,
    );
    if (!done.ok) throw done.error;
    expect(done.snapshot.status).toBe('done');
    expect(done.snapshot.end).toEqual({ step: 'closed', outcome: 'resolved' });
    expect(done.effects).toContainEqual({
      type: 'task.closed',
      token: '1',
      step: 'classify',
      role: 'front-desk',
      reason: 'completed',
      outcome: 'spam',
    });
    expect(done.effects).toContainEqual({
      type: 'edge.taken',
      from: 'classify',
      to: 'closed',
      kind: 'outcome',
      label: 'spam',
    });
    expect(done.effects).toContainEqual({ type: 'timer.cleared', id: '1.deadline' });
    expect(done.effects).toContainEqual({ type: 'instance.ended', step: 'closed', outcome: 'resolved' });
  });

  describe('rejects invalid events with a typed error and leaves the snapshot unchanged', () => {
    const start = transition(triage, null, { type: 'start' }, T0);
    if (!start.ok) throw start.error;
    const before = JSON.stringify(start.snapshot);
    const cases: Array<[string, EngineEvent, string]> = [
      ['wrong role', { type: 'complete', step: 'classify', outcome: 'spam', role: 'nurse' }, 'WRONG_ROLE'],
      [
        'step not active',
        { type: 'complete', step: 'nurse-review', outcome: 'answered', role: 'nurse' },
        'STEP_NOT_ACTIVE',
      ],
      [
        'unknown outcome',
        { type: 'complete', step: 'classify', outcome: 'maybe', role: 'front-desk' },
        'UNKNOWN_OUTCOME',
      ],
      ['signal nobody awaits', { type: 'signal', name: 'patient-replied' }, 'SIGNAL_NOT_AWAITED'],
      ['unknown timer', { type: 'timer-fired', timer: '9.deadline' }, 'UNKNOWN_TIMER'],
      ['timer not due', { type: 'timer-fired', timer: '1.deadline' }, 'TIMER_NOT_DUE'],
      ['second start', { type: 'start' }, 'ALREADY_STARTED'],
      [
        'reassign to undeclared role',
        { type: 'reassign', step: 'classify', toRole: 'pharmacist' },
        'UNKNOWN_ROLE',
      ],
    ];
    for (const [name, event, code] of cases) {
      it(name, () => {
        const result = transition(triage, start.snapshot, event, T0);
        expect(result.ok).toBe(false);
        if (result.ok) return;
        expect(result.error.code).toBe(code);
        expect(result.snapshot).toBe(start.snapshot);
        expect(JSON.stringify(start.snapshot)).toBe(before);
      });
    }
    it('instance ended', () => {
      const done = transition(
        triage,
        start.snapshot,
        { type: 'complete', step: 'classify', outcome: 'spam', role: 'front-desk' },
        T0,
      );
      if (!done.ok) throw done.error;
      const again = transition(
        triage,
        done.snapshot,
        { type: 'complete', step: 'classify', outcome: 'spam', role: 'front-desk' },
        T0,
      );
      expect(again.ok || again.error.code).toBe('INSTANCE_ENDED');
    });
    it('event before start', () => {
      const result = transition(triage, null, { type: 'cancel' }, T0);
      expect(result.ok || result.error.code).toBe('NOT_STARTED');
    });
    it('start data outside the start form', () => {
      // This triage declares no start form, so any start data is refused, every key named.
      const result = transition(
        triage,
        null,
        { type: 'start', data: { topic: 'refill', subject: 'Hi' } },
        T0,
      );
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe('UNDECLARED_FIELD');
      expect(result.error.message).toContain("'subject', 'topic'");
      expect(result.snapshot).toBeNull();
      const withForm: Definition = {
        ...triage,
        intake: { roles: ['front-desk'], form: [{ id: 'patient', label: 'Patient', type: 'text' }] },
      };
      const started = transition(withForm, null, { type: 'start', data: { patient: 'DEMO-1' } }, T0);
      expect(started.ok && started.snapshot.context.data).toEqual({ patient: 'DEMO-1' });
      const refused = transition(
        withForm,
        null,
        { type: 'start', data: { patient: 'DEMO-1', topic: 'x' } },
        T0,
      );
      expect(!refused.ok && refused.error.details).toEqual({
        step: null,
        fields: ['topic'],
        allowed: ['patient'],
      });
    });
    it('time going backwards', () => {
      const result = transition(triage, start.snapshot, { type: 'cancel' }, '2026-03-02T15:00:00.000Z');
      expect(result.ok || result.error.code).toBe('TIME_WENT_BACKWARDS');
    });
    it('someone else holds the task', () => {
      const claimed = transition(
        triage,
        start.snapshot,
        { type: 'reassign', step: 'classify', assignee: 'ana' },
        T0,
      );
      if (!claimed.ok) throw claimed.error;
      const result = transition(
        triage,
        claimed.snapshot,
        { type: 'complete', step: 'classify', outcome: 'spam', role: 'front-desk', actor: 'ben' },
        T0,
      );
      expect(result.ok || result.error.code).toBe('NOT_ASSIGNEE');
    });
  });

  it('escalates an overdue task to the escalation role and records old → new values', () => {
    const s = run(triage, [[{ type: 'start' }, T0]]);
    const claimed = transition(triage, s, { type: 'reassign', step: 'classify', assignee: 'ana' }, T0);
    if (!claimed.ok) throw claimed.error;
    expect(claimed.effects).toEqual([
      {
        type: 'task.updated',
        token: '1',
        step: 'classify',
        reason: 'reassigned',
        changes: { assignee: [null, 'ana'] },
      },
    ]);
    const fired = transition(
      triage,
      claimed.snapshot,
      { type: 'timer-fired', timer: '1.deadline' },
      '2026-03-02T20:00:00.000Z',
    );
    if (!fired.ok) throw fired.error;
    expect(active(fired.snapshot)).toEqual(['classify@supervisor']);
    expect(fired.effects).toContainEqual({
      type: 'task.updated',
      token: '1',
      step: 'classify',
      reason: 'escalated',
      changes: { role: ['front-desk', 'supervisor'], assignee: ['ana', null] },
    });
    expect(fired.snapshot.context.active.classify?.escalated).toBe(true);
    // The escalation role now completes it; the original role no longer can.
    const wrong = transition(
      triage,
      fired.snapshot,
      { type: 'complete', step: 'classify', outcome: 'spam', role: 'front-desk' },
      '2026-03-02T20:01:00.000Z',
    );
    expect(wrong.ok || wrong.error.code).toBe('WRONG_ROLE');
  });

  it('moves a due date and its timer together, and records the change', () => {
    const s = run(triage, [[{ type: 'start' }, T0]]);
    const moved = transition(
      triage,
      s,
      { type: 'reassign', step: 'classify', due: '2026-03-03T16:00:00Z', priority: 'high' },
      T0,
    );
    if (!moved.ok) throw moved.error;
    expect(moved.snapshot.context.timers['1.deadline']?.due).toBe('2026-03-03T16:00:00.000Z');
    expect(moved.effects).toContainEqual({
      type: 'task.updated',
      token: '1',
      step: 'classify',
      reason: 'reassigned',
      changes: {
        due: ['2026-03-02T20:00:00.000Z', '2026-03-03T16:00:00.000Z'],
        priority: ['normal', 'high'],
      },
    });
  });

  it('cancels: closes every open task and clears timers', () => {
    const s = run(triage, [[{ type: 'start' }, T0]]);
    const cancelled = transition(triage, s, { type: 'cancel', reason: 'duplicate message' }, T0);
    if (!cancelled.ok) throw cancelled.error;
    expect(cancelled.snapshot.status).toBe('cancelled');
    expect(cancelled.snapshot.context.active).toEqual({});
    expect(cancelled.effects).toContainEqual({
      type: 'task.closed',
      token: '1',
      step: 'classify',
      role: 'front-desk',
      reason: 'cancelled',
    });
    expect(cancelled.effects).toContainEqual({ type: 'instance.cancelled', reason: 'duplicate message' });
  });

  it('runs parallel branches and joins when every branch is done', () => {
    let s = run(labs, [[{ type: 'start' }, T0]]);
    expect(active(s)).toEqual(['release@records', 'review@provider']);
    s = run(labs, [
      [{ type: 'start' }, T0],
      [{ type: 'complete', step: 'release', outcome: 'released', role: 'records' }, T0],
    ]);
    expect(active(s)).toEqual(['review@provider']);
    s = run(labs, [
      [{ type: 'start' }, T0],
      [{ type: 'complete', step: 'release', outcome: 'released', role: 'records' }, T0],
      [
        {
          type: 'complete',
          step: 'review',
          outcome: 'abnormal',
          role: 'provider',
          data: { comment: 'Slightly high.' },
        },
        T0,
      ],
    ]);
    expect(active(s)).toEqual(['call@nurse']);
    s = run(labs, [
      [{ type: 'start' }, T0],
      [{ type: 'complete', step: 'release', outcome: 'released', role: 'records' }, T0],
      [
        {
          type: 'complete',
          step: 'review',
          outcome: 'abnormal',
          role: 'provider',
          data: { comment: 'Slightly high.' },
        },
        T0,
      ],
      [{ type: 'complete', step: 'call', outcome: 'scheduled', role: 'nurse' }, T0],
    ]);
    expect(active(s)).toEqual(['follow-up@']);
    const viewed = transition(labs, s, { type: 'signal', name: 'patient-viewed' }, T0);
    if (!viewed.ok) throw viewed.error;
    expect(viewed.snapshot.status).toBe('done');
    expect(viewed.effects).toContainEqual({
      type: 'wait.closed',
      token: '4',
      step: 'follow-up',
      reason: 'signalled',
    });
  });

  it('ends the whole instance when a branch reaches an end step, closing the other branch', () => {
    const s = run(labs, [[{ type: 'start' }, T0]]);
    const critical = transition(
      labs,
      s,
      {
        type: 'complete',
        step: 'review',
        outcome: 'critical',
        role: 'provider',
        data: { comment: 'Call now.' },
      },
      T0,
    );
    if (!critical.ok) throw critical.error;
    const reached = transition(
      labs,
      critical.snapshot,
      { type: 'complete', step: 'critical-call', outcome: 'reached', role: 'provider' },
      T0,
    );
    if (!reached.ok) throw reached.error;
    expect(reached.snapshot.status).toBe('done');
    expect(reached.snapshot.end).toEqual({ step: 'done-critical', outcome: 'critical-handled' });
    expect(reached.snapshot.context.active).toEqual({});
    expect(reached.effects).toContainEqual({
      type: 'task.closed',
      token: '1',
      step: 'release',
      role: 'records',
      reason: 'ended',
    });
  });

  it('validates the form of the task being completed', () => {
    const s = run(labs, [[{ type: 'start' }, T0]]);
    const missing = transition(
      labs,
      s,
      { type: 'complete', step: 'review', outcome: 'normal', role: 'provider', data: {} },
      T0,
    );
    expect(missing.ok).toBe(false);
    if (missing.ok) return;
    expect(missing.error.code).toBe('FORM_INVALID');
    expect(missing.error.details).toEqual({
      fields: [{ field: 'comment', message: 'Comment to patient is required' }],
    });
    const badOption = transition(
      labs,
      s,
      {
        type: 'complete',
        step: 'review',
        outcome: 'normal',
        role: 'provider',
        data: { comment: 'ok', severity: 'medium' },
      },
      T0,
    );
    expect(badOption.ok || badOption.error.code).toBe('FORM_INVALID');
  });

  it('requires a field only for the outcomes it names (requiredFor)', () => {
    const review = labs.steps.review as TaskStep;
    const graded: Definition = {
      ...labs,
      steps: {
        ...labs.steps,
        review: {
          ...review,
          form: [
            ...(review.form ?? []),
            { id: 'callPlan', label: 'Call plan', type: 'text', requiredFor: ['abnormal', 'critical'] },
          ],
        },
      },
    };
    const s = run(graded, [[{ type: 'start' }, T0]]);
    const complete = (outcome: string, data: Record<string, unknown>) =>
      transition(graded, s, { type: 'complete', step: 'review', outcome, role: 'provider', data }, T0);
    // Not named: the field may be left out.
    expect(complete('normal', { comment: 'Normal.' }).ok).toBe(true);
    // Named: refused without it, with the field named as for `required`.
    const refused = complete('abnormal', { comment: 'High.' });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('FORM_INVALID');
    expect(refused.error.details).toEqual({
      fields: [{ field: 'callPlan', message: 'Call plan is required to finish as abnormal' }],
    });
    expect(complete('critical', { comment: 'Critical.', callPlan: 'Phone now' }).ok).toBe(true);
    // Given where it is not required, it is still checked for its type.
    const wrongType = complete('normal', { comment: 'Normal.', callPlan: 3 });
    expect(wrongType.ok || wrongType.error.code).toBe('FORM_INVALID');
  });

  it('leaves a wait for another step when its deadline passes (goTo)', () => {
    const s = run(labs, [
      [{ type: 'start' }, T0],
      [{ type: 'complete', step: 'release', outcome: 'released', role: 'records' }, T0],
      [
        {
          type: 'complete',
          step: 'review',
          outcome: 'normal',
          role: 'provider',
          data: { comment: 'Normal.' },
        },
        T0,
      ],
    ]);
    const timer = Object.values(s.context.timers)[0]!;
    expect(timer.due).toBe('2026-03-09T16:00:00.000Z');
    const fired = transition(labs, s, { type: 'timer-fired', timer: timer.id }, timer.due);
    if (!fired.ok) throw fired.error;
    expect(fired.snapshot.status).toBe('done');
    expect(fired.effects).toContainEqual({
      type: 'edge.taken',
      from: 'follow-up',
      to: 'done',
      kind: 'deadline',
      label: 'after P7D',
    });
  });

  it('business-day deadlines follow the recorded clinic calendar', () => {
    const calendar = {
      timeZone: 'America/Denver',
      hours: {
        mon: [['08:00', '17:00']],
        tue: [['08:00', '17:00']],
        wed: [['08:00', '17:00']],
        thu: [['08:00', '17:00']],
        fri: [['08:00', '17:00']],
      },
      holidays: ['2026-03-09'],
    };
    const fri = '2026-03-06T23:00:00.000Z'; // Friday 16:00 in Denver
    const s = run(labs, [
      [{ type: 'start', calendar }, fri],
      [{ type: 'complete', step: 'release', outcome: 'released', role: 'records' }, fri],
      [
        {
          type: 'complete',
          step: 'review',
          outcome: 'abnormal',
          role: 'provider',
          data: { comment: 'High.' },
        },
        fri,
      ],
    ]);
    // Two business days from Friday 16:00, skipping the weekend and Monday's holiday: Wednesday 16:00 (MDT from 8 March).
    expect(s.context.active['fork/b1/call']?.due).toBe('2026-03-11T22:00:00.000Z');
  });

  it('snapshots are plain JSON: a JSON round trip continues identically', () => {
    const s = run(triage, [[{ type: 'start' }, T0]]);
    const copy = JSON.parse(JSON.stringify(s)) as InstanceSnapshot;
    const event: EngineEvent = {
      type: 'complete',
      step: 'classify',
      outcome: 'clinical',
      role: 'front-desk',
      data: { urgent: true },
    };
    const a = transition(triage, s, event, T0);
    const b = transition(triage, copy, event, T0);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });
});
