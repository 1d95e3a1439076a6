import { transition } from '@portalflow/engine';
import { describe, expect, it } from 'vitest';
import { projectEffects } from '../src/index.ts';
import { at, T0, triage } from './support/workflow.ts';

describe('projectEffects', () => {
  it('turns a start into an open task with its title and due time, and a deadline timer', () => {
    const r = transition(triage, null, { type: 'start' }, T0);
    if (!r.ok) throw r.error;
    const p = projectEffects(r.effects, { definition: triage, snapshot: r.snapshot, at: T0, actor: 'fd' });
    const token = Object.values(r.snapshot.context.active)[0]!.token;
    expect(p.tasks).toEqual([
      {
        op: 'open',
        token,
        step: 'classify',
        title: 'Classify the message',
        role: 'front-desk',
        due: at(240),
        priority: 'normal',
        openedAt: T0,
      },
    ]);
    expect(p.timers).toEqual([
      { op: 'set', timerId: Object.keys(r.snapshot.context.timers)[0], due: at(240) },
    ]);
    expect(p.notifications).toEqual([]);
  });

  it('closes with the outcome and actor, opens the next task and clears the timer', () => {
    const s = transition(triage, null, { type: 'start' }, T0);
    if (!s.ok) throw s.error;
    const r = transition(
      triage,
      s.snapshot,
      { type: 'complete', step: 'classify', outcome: 'clinical', role: 'front-desk', actor: 'fd' },
      at(1),
    );
    if (!r.ok) throw r.error;
    const p = projectEffects(r.effects, { definition: triage, snapshot: r.snapshot, at: at(1), actor: 'fd' });
    expect(p.tasks.map((t) => t.op)).toEqual(['close', 'open']);
    expect(p.tasks[0]).toMatchObject({
      outcome: 'clinical',
      reason: 'completed',
      closedBy: 'fd',
      closedAt: at(1),
    });
    expect(p.timers).toEqual([{ op: 'clear', timerId: Object.keys(s.snapshot.context.timers)[0] }]);
  });

  it('tells whoever held a task that its request was cancelled, unless they cancelled it', () => {
    const s = transition(triage, null, { type: 'start' }, T0);
    if (!s.ok) throw s.error;
    const token = Object.values(s.snapshot.context.active)[0]!.token;
    const claimed = transition(
      triage,
      s.snapshot,
      { type: 'reassign', token, assignee: 'fd', actor: 'fd' },
      at(1),
    );
    if (!claimed.ok) throw claimed.error;
    const cancel = transition(
      triage,
      claimed.snapshot,
      { type: 'cancel', reason: 'duplicate', actor: 'lead' },
      at(2),
    );
    if (!cancel.ok) throw cancel.error;
    const context = { definition: triage, snapshot: cancel.snapshot, before: claimed.snapshot, at: at(2) };
    expect(projectEffects(cancel.effects, { ...context, actor: 'lead' }).notifications).toEqual([
      { kind: 'cancelled', userId: 'fd', taskToken: token, createdAt: at(2) },
    ]);
    expect(projectEffects(cancel.effects, { ...context, actor: 'fd' }).notifications).toEqual([]);
    // A task still in its pool had nobody to tell.
    const pooled = transition(triage, s.snapshot, { type: 'cancel', actor: 'lead' }, at(2));
    if (!pooled.ok) throw pooled.error;
    expect(
      projectEffects(pooled.effects, {
        definition: triage,
        snapshot: pooled.snapshot,
        before: s.snapshot,
        at: at(2),
        actor: 'lead',
      }).notifications,
    ).toEqual([]);
  });
});
