import type { Definition } from '@portalflow/engine';
import { describe, expect, it } from 'vitest';
import { newBranchTarget } from '../src/editor/inspector/branchTarget.ts';
import { countOf } from '../src/shell/plural.ts';

describe('countOf', () => {
  it('says "1 step in 1 workflow", never "1 steps in 1 workflows"', () => {
    expect(`${countOf(1, 'step')} in ${countOf(1, 'workflow')}`).toBe('1 step in 1 workflow');
    expect(`${countOf(3, 'step')} in ${countOf(2, 'workflow')}`).toBe('3 steps in 2 workflows');
    expect(countOf(0, 'escalation')).toBe('0 escalations');
    expect(countOf(2, 'entry', 'entries')).toBe('2 entries');
  });
});

const definition = (over: Partial<Definition> = {}): Definition => ({
  id: 'w',
  title: 'W',
  roles: [],
  start: 'intake',
  steps: {
    intake: { type: 'task', title: 'Intake', role: 'r', outcomes: { done: 'route' } },
    route: { type: 'decision', branches: [], otherwise: undefined },
    nurse: { type: 'task', title: 'Nurse', role: 'r', outcomes: { done: 'end' } },
    end: { type: 'end' },
  },
  ...over,
});

describe('a new decision branch', () => {
  it('never points back at the start', () => {
    expect(newBranchTarget(definition(), 'route')).toBe('nurse');
  });

  it("goes where the decision's otherwise goes, when that is not the start", () => {
    const d = definition();
    (d.steps.route as { otherwise?: string }).otherwise = 'end';
    expect(newBranchTarget(d, 'route')).toBe('end');
    (d.steps.route as { otherwise?: string }).otherwise = 'intake';
    expect(newBranchTarget(d, 'route')).toBe('nurse');
  });

  it('prefers a step no branch of the decision goes to yet', () => {
    const d = definition();
    (d.steps.route as { branches: Array<{ when: string; to: string }> }).branches = [
      { when: 'a', to: 'nurse' },
    ];
    expect(newBranchTarget(d, 'route')).toBe('end');
  });
});
