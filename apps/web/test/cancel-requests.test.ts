import { describe, expect, it } from 'vitest';
import type { Task } from '../src/api/types.ts';
import { cancelReason, requestsOf, summarizeCancel } from '../src/work/cancelRequests.ts';

const task = (id: string, instanceId: string) => ({ id, instanceId }) as unknown as Task;

describe('cancelling requests from the Team page', () => {
  it('cancels each request once, though a parallel step gives it several open tasks', () => {
    const picked = requestsOf([task('a:1', 'a'), task('a:2', 'a'), task('b:1', 'b')]);
    expect(picked.map((t) => t.instanceId)).toEqual(['a', 'b']);
  });

  it('writes the chosen reason, then the lead’s words; "Other" needs the words alone', () => {
    expect(cancelReason('Duplicate request', '')).toBe('Duplicate request');
    expect(cancelReason('Duplicate request', ' same as the one from 9:10 ')).toBe(
      'Duplicate request: same as the one from 9:10',
    );
    expect(cancelReason('Other', 'pharmacy closed')).toBe('pharmacy closed');
    expect(cancelReason('Other', '  ')).toBe('');
  });

  it('sums up what happened to each', () => {
    expect(
      summarizeCancel([
        { instanceId: 'a', outcome: 'cancelled' },
        { instanceId: 'b', outcome: 'already-ended' },
        { instanceId: 'c', outcome: 'cancelled' },
      ]),
    ).toBe('2 cancelled · 1 had already ended');
  });
});
