import { describe, expect, it } from 'vitest';
import type { Definition } from '../src/definition.ts';
import type { EngineEvent } from '../src/events.ts';
import { lint } from '../src/lint/index.ts';
import { replay } from '../src/replay.ts';
import type { InstanceSnapshot } from '../src/snapshot.ts';
import { transition } from '../src/transition.ts';

const T0 = '2026-03-02T16:00:00.000Z';
const T1 = '2026-03-02T17:30:00.000Z';

/** A result held until the provider has talked with the patient; the provider may release it sooner. */
const held: Definition = {
  id: 'held-result',
  title: 'Held result',
  roles: [
    { id: 'provider', name: 'Provider' },
    { id: 'medical-records', name: 'Medical records' },
  ],
  start: 'hold',
  steps: {
    hold: {
      type: 'wait',
      title: 'Held until the provider talks with the patient',
      signal: 'result-discussed',
      endEarlyBy: 'provider',
      next: 'release',
      deadline: { after: 'P3D', goTo: 'release' },
    },
    release: {
      type: 'task',
      role: 'medical-records',
      title: 'Release the result',
      help: 'Release it.',
      outcomes: { released: 'done' },
    },
    done: { type: 'end', title: 'Released' },
  },
};

function started(): InstanceSnapshot {
  const result = transition(held, null, { type: 'start' }, T0);
  if (!result.ok) throw result.error;
  return result.snapshot;
}

const endEarly = (over: Partial<Extract<EngineEvent, { type: 'end-wait' }>> = {}): EngineEvent => ({
  type: 'end-wait',
  token: '1',
  role: 'provider',
  actor: 'dr-lee',
  reason: 'Called the patient; release now',
  ...over,
});

describe('a wait its named role ends early', () => {
  it('goes on to the next step with a recorded reason, its timers cleared', () => {
    const result = transition(held, started(), endEarly(), T1);
    if (!result.ok) throw result.error;
    expect(Object.values(result.snapshot.context.active).map((a) => a.step)).toEqual(['release']);
    expect(result.snapshot.context.timers).not.toHaveProperty('1.deadline');
    expect(result.effects).toContainEqual({
      type: 'wait.closed',
      token: '1',
      step: 'hold',
      reason: 'ended-early',
    });
    expect(result.effects).toContainEqual({ type: 'timer.cleared', id: '1.deadline' });
    expect(result.effects).toContainEqual(
      expect.objectContaining({ type: 'edge.taken', from: 'hold', to: 'release' }),
    );
  });

  it('replays to the same state', () => {
    const s0 = started();
    const result = transition(held, s0, endEarly(), T1);
    if (!result.ok) throw result.error;
    const replayed = replay(held, [
      { at: T0, event: { type: 'start' } },
      { at: T1, event: endEarly() },
    ]);
    expect(replayed).toEqual(result.snapshot);
  });

  it('is refused to any other role (WRONG_ROLE)', () => {
    const result = transition(held, started(), endEarly({ role: 'medical-records' }), T1);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('WRONG_ROLE');
  });

  it('is refused once the wait has ended (STEP_NOT_ACTIVE)', () => {
    const first = transition(held, started(), endEarly(), T1);
    if (!first.ok) throw first.error;
    const again = transition(held, first.snapshot, endEarly(), T1);
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.code).toBe('STEP_NOT_ACTIVE');
  });

  it('needs a reason in words (EVENT_INVALID)', () => {
    const result = transition(held, started(), endEarly({ reason: '   ' }), T1);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('EVENT_INVALID');
  });

  it('is refused on a wait that names nobody to end it early (WRONG_ROLE)', () => {
    const { endEarlyBy: _none, ...plain } = held.steps.hold as Extract<
      Definition['steps'][string],
      { type: 'wait' }
    >;
    const strict: Definition = { ...held, steps: { ...held.steps, hold: plain } };
    const s = transition(strict, null, { type: 'start' }, T0);
    if (!s.ok) throw s.error;
    const result = transition(strict, s.snapshot, endEarly(), T1);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('WRONG_ROLE');
  });

  it('lints a role the workflow does not declare', () => {
    const wrong: Definition = {
      ...held,
      steps: { ...held.steps, hold: { ...(held.steps.hold as object), endEarlyBy: 'nobody' } as never },
    };
    const findings = lint(wrong).filter((f) => f.rule === 'wait-ended-early-by-undeclared-role');
    expect(findings).toHaveLength(1);
    expect(findings[0]?.severity).toBe('error');
    expect(findings[0]?.path).toBe('steps.hold.endEarlyBy');
    expect(lint(held).filter((f) => f.rule === 'wait-ended-early-by-undeclared-role')).toEqual([]);
  });
});
