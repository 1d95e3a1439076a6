import type { AttachmentView } from '@portalflow/contract';
import { describe, expect, it } from 'vitest';
import type { RequestNote, TimelineEntry } from '../src/api/types.ts';
import { asidesByEvent } from '../src/audit/timelineAsides.ts';

const event = (seq: number, at: string) => ({ seq, at, type: 'complete' }) as unknown as TimelineEntry;
const note = (id: string, at: string) => ({ id, at }) as unknown as RequestNote;
const file = (id: string, at: string, removedAt?: string) =>
  ({
    id,
    at,
    removed: removedAt ? { at: removedAt, by: 'u-lead', reason: 'wrong patient' } : null,
  }) as unknown as AttachmentView;

const T = (hhmm: string) => `2026-12-07T${hhmm}:00.000Z`;
const shape = (m: Map<number, ReturnType<typeof asidesByEvent> extends Map<number, infer A> ? A : never>) =>
  Object.fromEntries(
    [...m].map(([seq, asides]) => [
      seq,
      asides.map((a) => (a.kind === 'note' ? `note ${a.note.id}` : `${a.kind} ${a.attachment.id}`)),
    ]),
  );

describe('audit timeline: notes and files among the events', () => {
  it('places each after the last event at or before its time; a removal after the event it follows', () => {
    const asides = asidesByEvent(
      [event(1, T('15:00')), event(2, T('16:00')), event(3, T('18:00'))],
      [note('n1', T('16:00'))],
      [file('a', T('15:30'), T('17:00')), file('b', T('16:00'))],
    );
    expect(shape(asides)).toEqual({
      1: ['attached a'],
      2: ['note n1', 'attached b', 'removed a'],
    });
  });

  it('puts what came before the first shown event after that event, and nothing without events', () => {
    const asides = asidesByEvent([event(4, T('12:00'))], [note('n0', T('09:00'))], [file('c', T('10:00'))]);
    expect(shape(asides)).toEqual({ 4: ['note n0', 'attached c'] });
    expect(asidesByEvent([], [note('n0', T('09:00'))], []).size).toBe(0);
  });
});
