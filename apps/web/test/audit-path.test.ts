import type { Definition } from '@portalflow/engine';
import { describe, expect, it } from 'vitest';
import { pathUpTo, stepOrder } from '../src/audit/path.ts';

const task = (role: string, outcomes: Record<string, string>) => ({
  type: 'task' as const,
  title: role,
  role,
  outcomes,
});

const billing: Definition = {
  id: 'billing',
  title: 'Billing',
  roles: [
    { id: 'front-desk', name: 'Front desk' },
    { id: 'billing', name: 'Billing' },
  ],
  start: 'log',
  steps: {
    log: task('front-desk', { logged: 'route', 'answered-at-desk': 'done' }),
    route: {
      type: 'decision',
      branches: [{ when: "data.kind == 'copy'", to: 'send-copy' }],
      otherwise: 'check',
    },
    'send-copy': task('front-desk', { sent: 'done' }),
    check: task('billing', { checked: 'done', 'guarantor-wrong': 'fix' }),
    fix: task('front-desk', { corrected: 'check' }),
    done: { type: 'end', outcome: 'answered' },
  },
};

const outcome = (step: string, to: string) => ({ field: 'outcome', step, from: null, to });

// The shape GET /api/instances/:id/history returns: `steps` names each step entered (often twice:
// once for the edge taken, once for the task opened).
const timeline = [
  {
    seq: 1,
    steps: ['log'],
    changes: [{ field: 'due', step: 'log', from: null, to: '2026-11-25T19:00:00Z' }],
  },
  { seq: 2, steps: [], changes: [{ field: 'assignee', step: 'log', from: null, to: 'u1' }] },
  { seq: 3, steps: ['route', 'check', 'check'], changes: [outcome('log', 'logged')] },
  { seq: 4, steps: ['fix', 'fix'], changes: [outcome('check', 'guarantor-wrong')] },
  { seq: 5, steps: ['check', 'check'], changes: [outcome('fix', 'corrected')] },
  { seq: 6, steps: ['done'], changes: [outcome('check', 'checked')] },
];

describe('pathUpTo', () => {
  it('is empty before the first event', () => {
    expect(pathUpTo(billing, timeline, 0)).toEqual({ visited: [], edges: [] });
  });

  it('has the start step after the start event', () => {
    expect(pathUpTo(billing, timeline, 1)).toEqual({ visited: ['log'], edges: [] });
    expect(pathUpTo(billing, timeline, 2)).toEqual({ visited: ['log'], edges: [] });
  });

  it('follows the completed outcome, then the decision branch, within one event', () => {
    expect(pathUpTo(billing, timeline, 3)).toEqual({
      visited: ['log', 'route', 'check'],
      edges: [
        { from: 'log', to: 'route' },
        { from: 'route', to: 'check' },
      ],
    });
  });

  it('records loops once per edge and keeps steps in the order first entered', () => {
    const path = pathUpTo(billing, timeline, 6);
    expect(path.visited).toEqual(['log', 'route', 'check', 'fix', 'done']);
    expect(path.edges).toEqual([
      { from: 'log', to: 'route' },
      { from: 'route', to: 'check' },
      { from: 'check', to: 'fix' },
      { from: 'fix', to: 'check' },
      { from: 'check', to: 'done' },
    ]);
  });

  it('ignores events after `at` and does not depend on the timeline order', () => {
    const shuffled = [...timeline].reverse();
    expect(pathUpTo(billing, shuffled, 4)).toEqual(pathUpTo(billing, timeline, 4));
    expect(pathUpTo(billing, timeline, 4).visited).not.toContain('done');
  });

  it('picks the edge of the outcome taken when a step has several ways in', () => {
    const def: Definition = {
      ...billing,
      steps: {
        ...billing.steps,
        log: task('front-desk', { logged: 'route', 'answered-at-desk': 'done' }),
        'send-copy': task('front-desk', { sent: 'done' }),
      },
    };
    const tl = [
      { seq: 1, steps: ['log'], changes: [] },
      { seq: 2, steps: ['route', 'send-copy'], changes: [outcome('log', 'logged')] },
      { seq: 3, steps: ['done'], changes: [outcome('send-copy', 'sent')] },
    ];
    expect(pathUpTo(def, tl, 3).edges).toEqual([
      { from: 'log', to: 'route' },
      { from: 'route', to: 'send-copy' },
      { from: 'send-copy', to: 'done' },
    ]);
  });

  it('falls back to the most recently entered predecessor (signals, deadlines)', () => {
    const def: Definition = {
      id: 'w',
      title: 'W',
      roles: [{ id: 'r', name: 'R' }],
      start: 'ask',
      steps: {
        ask: task('r', { asked: 'wait' }),
        wait: { type: 'wait', signal: 'replied', next: 'review', deadline: { after: 'P2D', goTo: 'chase' } },
        chase: task('r', { chased: 'review' }),
        review: task('r', { ok: 'end' }),
        end: { type: 'end' },
      },
    };
    const tl = [
      { seq: 1, steps: ['ask'], changes: [] },
      { seq: 2, steps: ['wait'], changes: [outcome('ask', 'asked')] },
      { seq: 3, steps: ['chase', 'chase'], changes: [] },
    ];
    expect(pathUpTo(def, tl, 3).edges).toEqual([
      { from: 'ask', to: 'wait' },
      { from: 'wait', to: 'chase' },
    ]);
  });

  it('marks both branches of a parallel fork', () => {
    const def: Definition = {
      id: 'p',
      title: 'P',
      roles: [{ id: 'r', name: 'R' }],
      start: 'fork',
      steps: {
        fork: { type: 'parallel', branches: ['a', 'b'], join: 'after' },
        a: task('r', { ok: 'after' }),
        b: task('r', { ok: 'after' }),
        after: task('r', { ok: 'end' }),
        end: { type: 'end' },
      },
    };
    const tl = [
      { seq: 1, steps: ['a', 'a', 'b', 'b'], changes: [] },
      { seq: 2, steps: [], changes: [outcome('a', 'ok')] },
      { seq: 3, steps: ['after', 'after'], changes: [outcome('b', 'ok')] },
    ];
    const path = pathUpTo(def, tl, 3);
    expect(path.visited).toEqual(['fork', 'a', 'b', 'after']);
    expect(path.edges).toEqual([
      { from: 'fork', to: 'a' },
      { from: 'fork', to: 'b' },
      { from: 'b', to: 'after' },
    ]);
  });
});

describe('stepOrder', () => {
  it('lists steps breadth-first from the start, unreachable ones last', () => {
    const def: Definition = { ...billing, steps: { ...billing.steps, orphan: { type: 'end' } } };
    expect(stepOrder(def)).toEqual(['log', 'route', 'done', 'send-copy', 'check', 'fix', 'orphan']);
  });
});
