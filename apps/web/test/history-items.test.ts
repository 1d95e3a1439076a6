import type { AttachmentView } from '@portalflow/contract';
import { describe, expect, it } from 'vitest';
import type { RequestNote, TimelineEntry } from '../src/api/types.ts';
import { historyItems } from '../src/work/historyItems.ts';

const event = (seq: number, at: string) => ({ seq, at, type: 'complete' }) as unknown as TimelineEntry;
const note = (id: string, at: string) => ({ id, at }) as unknown as RequestNote;
const file = (id: string, at: string, removedAt?: string) =>
  ({
    id,
    at,
    name: `${id}.pdf`,
    removed: removedAt ? { at: removedAt, by: 'u-lead', reason: 'wrong patient' } : null,
  }) as unknown as AttachmentView;

describe('"History so far" items', () => {
  it('places files attached and taken off among events and notes by time', () => {
    const items = historyItems(
      [event(1, '2026-12-07T15:00:00.000Z'), event(2, '2026-12-07T16:00:00.000Z')],
      [note('n1', '2026-12-07T16:00:00.000Z')],
      [
        file('a', '2026-12-07T15:30:00.000Z', '2026-12-07T17:00:00.000Z'),
        file('b', '2026-12-07T16:00:00.000Z'),
      ],
    );
    expect(items.map((i) => `${i.kind}@${i.at.slice(11, 16)}`)).toEqual([
      'event@15:00',
      'attached@15:30',
      // At one moment: the event, then the note written with it, then a file attached with it.
      'event@16:00',
      'note@16:00',
      'attached@16:00',
      'removed@17:00',
    ]);
  });

  it('is empty when nothing happened', () => {
    expect(historyItems([], [], [])).toEqual([]);
  });
});
