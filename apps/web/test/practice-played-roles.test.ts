import { describe, expect, it } from 'vitest';
import { nextStepOfOwnRun, playedRoles } from '../src/practice/playedRoles.ts';

const task = (role: string, assignee: string | null = null) => ({ role, assignee });

describe('a practice run played through by whoever started it', () => {
  it('gives a pool folder to each role the person plays in their own runs, after their own roles', () => {
    const pool = [task('front-desk'), task('billing-specialist'), task('front-desk'), task('nurse', 'u-2')];
    expect(playedRoles(['billing-specialist'], pool)).toEqual(['billing-specialist', 'front-desk']);
    // A task someone holds is in nobody's pool.
    expect(playedRoles(['billing-specialist'], [task('nurse', 'u-2')])).toEqual(['billing-specialist']);
  });

  it('goes on to the next step of a run the person started, whoever the step belongs to', () => {
    const instance = {
      practice: true,
      startedBy: 'u-1',
      active: [
        { kind: 'wait' as const, taskId: 'i:3' },
        { kind: 'task' as const, taskId: 'i:4' },
      ],
    };
    expect(nextStepOfOwnRun(instance, 'u-1')).toBe('i:4');
    // Someone else's run, a real request, or a run that ended: the queue goes on as usual.
    expect(nextStepOfOwnRun(instance, 'u-2')).toBeNull();
    expect(nextStepOfOwnRun({ ...instance, practice: false }, 'u-1')).toBeNull();
    expect(nextStepOfOwnRun({ ...instance, active: [] }, 'u-1')).toBeNull();
  });
});
