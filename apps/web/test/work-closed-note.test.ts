import { describe, expect, it } from 'vitest';
import { formatTime } from '../src/shell/time.ts';
import { closedNote } from '../src/work/closedNote.ts';

const nameOf = (id: string | null | undefined, fallback = 'Someone') => (id === 'u-ben' ? 'Ben' : fallback);
const NOW = Date.parse('2026-12-07T20:30:00Z');
const TODAY = '2026-12-07T19:14:00Z';
const at = formatTime(TODAY);
const done = (
  outcome: string | null,
  closedBy: string | null,
  closeReason = 'completed',
  closedAt = TODAY,
) => ({
  outcome,
  closedBy,
  closeReason,
  closedAt,
});

describe('what the task panel says about a closed task', () => {
  it('says a colleague finished it, when, with what, and that it left the list', () => {
    expect(closedNote(done('sorted', 'u-ben'), 'u-ana', nameOf, { now: NOW })).toEqual({
      title: 'Completed elsewhere',
      message: `Completed by Ben at ${at} with “Sorted”. It has left your list.`,
    });
    expect(closedNote(done('wrong-patient', 'u-cy'), 'u-ana', nameOf, { now: NOW }).message).toBe(
      `Completed by a colleague at ${at} with “Wrong patient”. It has left your list.`,
    );
  });

  it('says I finished it on another screen when it closed while open here, without this screen', () => {
    expect(
      closedNote(done('sent', 'u-ana'), 'u-ana', nameOf, { now: NOW, closedWhileOpenHere: true }),
    ).toEqual({
      title: 'Completed on another screen',
      message: `Completed by you on another screen at ${at} with “Sent”.`,
    });
  });

  it('says when and with what I finished one myself (the Done folder), on another day with its date', () => {
    expect(closedNote(done('logged', 'u-ana'), 'u-ana', nameOf, { now: NOW })).toEqual({
      title: 'This task is closed',
      message: `You finished it at ${at} with “Logged”.`,
    });
    expect(
      closedNote(done('logged', 'u-ana', 'completed', '2026-12-02T19:14:00Z'), 'u-ana', nameOf, { now: NOW })
        .message,
    ).toBe(`You finished it on Wed, Dec 2 at ${at} with “Logged”.`);
  });

  it('says a deadline moved it on, and otherwise that the workflow did', () => {
    expect(closedNote(done(null, null, 'deadline'), 'u-ana', nameOf, { now: NOW }).message).toBe(
      'Its deadline passed, so the workflow moved it on. It has left your list.',
    );
    expect(closedNote(done(null, null, 'ended'), 'u-ana', nameOf, { now: NOW }).message).toBe(
      'The workflow moved on.',
    );
  });
});
