import type {
  AttachmentView,
  HistoryAttachment,
  HistoryNote,
  NoteView,
  TimelineEntry,
} from '@portalflow/contract';
import type { AuditEvent } from '@portalflow/store';
import { HOLDER_DISABLED, HOLDER_LOST_ROLE } from '../accounts/return-held-tasks.ts';

/**
 * A history without its values: the timeline still names each form field an event changed
 * (`data.medication`), but not what it held before or after, and says an event gave a reason without
 * saying it; notes and files keep who, when and on which step, without their words and names. What a
 * field held and what staff wrote about a request are patient data, read only on purpose
 * (`values=true`) and logged as such; who did what, when, on which step, stays readable.
 */

/** Reasons the server itself writes: the same words every time, about an account, never a patient. */
const SYSTEM_REASONS: ReadonlySet<string> = new Set([HOLDER_DISABLED, HOLDER_LOST_ROLE]);

/** The reason an event gave in someone's words, if any (a reassignment's, a cancellation's). */
function personalReason(event: AuditEvent | undefined): string | undefined {
  const reason = (event?.payload as { reason?: unknown } | null | undefined)?.reason;
  if (typeof reason !== 'string' || reason.trim() === '') return undefined;
  return SYSTEM_REASONS.has(reason.trim()) ? undefined : reason;
}

export function timelineWithoutValues(rows: TimelineEntry[], events: readonly AuditEvent[]): TimelineEntry[] {
  const eventAt = new Map(events.map((e) => [e.seq, e]));
  return rows.map((row) => {
    const changes = row.changes.map((change) => {
      if (!change.field.startsWith('data.')) return change;
      const { from: _from, to: _to, ...named } = change;
      return named;
    });
    if (personalReason(eventAt.get(row.seq)) === undefined) return { ...row, changes };
    const { reason: _reason, ...rest } = row;
    // The summary of a cancellation quotes its reason ("cancelled: …"): it says one was given instead.
    const summary = row.type === 'cancel' ? 'cancelled with a reason' : row.summary;
    return { ...rest, summary, changes, reasonHidden: true };
  });
}

/** The event's payload without the form data, completion note and reason in it (its hash stays the stored one). */
export function eventWithoutValues(event: AuditEvent): AuditEvent {
  const payload = event.payload;
  if (!payload || typeof payload !== 'object') return event;
  const { data: _data, note: _note, reason, ...rest } = payload as Record<string, unknown>;
  // A reason the server wrote itself stays; one in someone's words goes with the values.
  const kept = reason !== undefined && personalReason(event) === undefined ? { reason } : {};
  return { ...event, payload: { ...rest, ...kept } };
}

/** Notes without their words: kind, step, author and time, and when each edit was made. */
export function notesWithoutWords(notes: readonly NoteView[]): HistoryNote[] {
  return notes.map(({ body: _body, edits, ...note }) => ({
    ...note,
    edits: edits.map(({ from: _from, to: _to, ...edit }) => edit),
  }));
}

/** Files without their names, and a removal without its reason. */
export function attachmentsWithoutNames(attachments: readonly AttachmentView[]): HistoryAttachment[] {
  return attachments.map(({ name: _name, removed, ...file }) => ({
    ...file,
    removed: removed ? { at: removed.at, by: removed.by } : null,
  }));
}

/** An instance view without its data. */
export function viewWithoutData<T extends { data: unknown }>(view: T): Omit<T, 'data'> {
  const { data: _data, ...rest } = view;
  return rest;
}
