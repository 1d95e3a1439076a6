import type { AttachmentView } from '@portalflow/contract';
import type { RequestNote, TimelineEntry } from '../api/types.ts';

/**
 * One line of "History so far": an event, a note, or a file attached to the request or taken off it.
 * The note and file shapes are the caller's: the audit timeline's may lack their words and names.
 */
export type HistoryItem<N = RequestNote, A = AttachmentView> =
  | { kind: 'event'; at: string; event: TimelineEntry }
  | { kind: 'note'; at: string; note: N }
  | { kind: 'attached'; at: string; attachment: A }
  | { kind: 'removed'; at: string; attachment: A };

/**
 * Events, notes and files in one list, oldest first; at the same moment, in that order (an event
 * before the note written with it, a file attached before it was taken off).
 */
export function historyItems<
  N extends { at: string } = RequestNote,
  A extends { at: string; removed: { at: string } | null } = AttachmentView,
>(
  timeline: readonly TimelineEntry[],
  notes: readonly N[],
  attachments: readonly A[] = [],
): HistoryItem<N, A>[] {
  const items: HistoryItem<N, A>[] = [
    ...timeline.map((event) => ({ kind: 'event' as const, at: event.at, event })),
    ...notes.map((note) => ({ kind: 'note' as const, at: note.at, note })),
    ...attachments.map((attachment) => ({ kind: 'attached' as const, at: attachment.at, attachment })),
    ...attachments.flatMap((attachment) =>
      attachment.removed ? [{ kind: 'removed' as const, at: attachment.removed.at, attachment }] : [],
    ),
  ];
  return items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => (a.item.at < b.item.at ? -1 : a.item.at > b.item.at ? 1 : a.i - b.i))
    .map(({ item }) => item);
}
