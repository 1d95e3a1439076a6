import type { AttachmentView } from '@portalflow/contract';
import type { RequestNote, TimelineEntry } from '../api/types.ts';

/** One line of "History so far": an event, a note, or a file attached to the request or taken off it. */
export type HistoryItem =
  | { kind: 'event'; at: string; event: TimelineEntry }
  | { kind: 'note'; at: string; note: RequestNote }
  | { kind: 'attached'; at: string; attachment: AttachmentView }
  | { kind: 'removed'; at: string; attachment: AttachmentView };

/**
 * Events, notes and files in one list, oldest first; at the same moment, in that order (an event
 * before the note written with it, a file attached before it was taken off).
 */
export function historyItems(
  timeline: readonly TimelineEntry[],
  notes: readonly RequestNote[],
  attachments: readonly AttachmentView[] = [],
): HistoryItem[] {
  const items: HistoryItem[] = [
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
