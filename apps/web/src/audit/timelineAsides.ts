import type { HistoryAttachment, HistoryNote } from '@portalflow/contract';
import type { TimelineEntry } from '../api/types.ts';
import { type HistoryItem, historyItems } from '../work/historyItems.ts';

/**
 * What the audit timeline shows between events: notes, and files attached or taken off (without their
 * words and names until the auditor reveals the values).
 */
export type TimelineAside = Exclude<HistoryItem<HistoryNote, HistoryAttachment>, { kind: 'event' }>;

/**
 * The asides to show after each event, by the event's number: each after the last event at or before
 * its time (one written before the first event shown goes after that one). Notes and files are not
 * events of the hash-chained history; they sit among them by time.
 */
export function asidesByEvent(
  events: readonly TimelineEntry[],
  notes: readonly HistoryNote[],
  attachments: readonly HistoryAttachment[],
): Map<number, TimelineAside[]> {
  const bySeq = new Map<number, TimelineAside[]>();
  const first = events[0];
  if (!first) return bySeq;
  let last = first.seq;
  for (const item of historyItems(events, notes, attachments)) {
    if (item.kind === 'event') {
      last = item.event.seq;
      continue;
    }
    bySeq.set(last, [...(bySeq.get(last) ?? []), item]);
  }
  return bySeq;
}
