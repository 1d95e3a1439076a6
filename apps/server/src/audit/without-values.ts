import type { TimelineEntry } from '@portalflow/contract';
import type { AuditEvent } from '@portalflow/store';

/**
 * A history without its field values: the timeline still names each form field an event changed
 * (`data.medication`), but not what it held before or after; the events keep what happened and
 * drop the data and note they carried. What a field held is patient data, read only on purpose
 * (`values=true`) and logged as such; who did what, when, on which step, stays readable.
 */
export function timelineWithoutValues(rows: TimelineEntry[]): TimelineEntry[] {
  return rows.map((row) => ({
    ...row,
    changes: row.changes.map((change) => {
      if (!change.field.startsWith('data.')) return change;
      const { from: _from, to: _to, ...named } = change;
      return named;
    }),
  }));
}

/** The event's payload without the form data and completion note in it (its hash stays the stored one). */
export function eventWithoutValues(event: AuditEvent): AuditEvent {
  const payload = event.payload;
  if (!payload || typeof payload !== 'object') return event;
  const { data: _data, note: _note, ...rest } = payload as Record<string, unknown>;
  return { ...event, payload: rest };
}

/** An instance view without its data. */
export function viewWithoutData<T extends { data: unknown }>(view: T): Omit<T, 'data'> {
  const { data: _data, ...rest } = view;
  return rest;
}
