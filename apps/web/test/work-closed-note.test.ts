import { describe, expect, it } from 'vitest';
import { closedNote } from '../src/work/closedNote.ts';

const nameOf = (id: string | null | undefined, fallback = 'Someone') => (id === 'u-ben' ? 'Ben' : fallback);

describe('what the task panel says about a closed task', () => {
  it('says a colleague finished it, with what, and that it left the list', () => {
    expect(
      closedNote({ outcome: 'sorted', closedBy: 'u-ben', closeReason: 'completed' }, 'u-ana', nameOf),
    ).toEqual({
      title: 'Completed elsewhere',
      message: 'Ben finished it with “Sorted”. It has left your list.',
    });
    expect(
      closedNote({ outcome: 'wrong-patient', closedBy: 'u-cy', closeReason: 'completed' }, 'u-ana', nameOf)
        .message,
    ).toBe('A colleague finished it with “Wrong patient”. It has left your list.');
  });

  it('says only the outcome of one I finished myself (the Done folder)', () => {
    expect(
      closedNote({ outcome: 'logged', closedBy: 'u-ana', closeReason: 'completed' }, 'u-ana', nameOf),
    ).toEqual({ title: 'This task is closed', message: 'Finished with “Logged”.' });
  });

  it('says a deadline moved it on, and otherwise that the workflow did', () => {
    expect(
      closedNote({ outcome: null, closedBy: null, closeReason: 'deadline' }, 'u-ana', nameOf).message,
    ).toBe('Its deadline passed, so the workflow moved it on. It has left your list.');
    expect(closedNote({ outcome: null, closedBy: null, closeReason: 'ended' }, 'u-ana', nameOf).message).toBe(
      'The workflow moved on.',
    );
  });
});
