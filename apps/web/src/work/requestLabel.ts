import type { Task } from '../api/types.ts';
import { clinicTimeZone } from '../shell/clinic.ts';
import { formatWhen } from '../shell/time.ts';

/** What a list row needs to say which request it belongs to. */
export interface RequestRef {
  instanceId: string | null;
  subject?: string | null;
  requestStartedAt?: string | null;
}

/** A task with what names its request, when known (a queue row, or a task read's subject). */
export type RequestOf = Task & { subject?: string | null; requestStartedAt?: string | null };

/** The request's number for people: the start of its id, which is what support and audit search by. */
export const requestNumber = (instanceId: string) => instanceId.slice(0, 8).toUpperCase();

/**
 * The line that says which request a row is: its subject, or, for a workflow without one, its number
 * and when it started, so two rows with the same step title never look the same.
 */
export function requestLabel(ref: RequestRef, tz = clinicTimeZone(), now = Date.now()): string | null {
  if (ref.subject) return ref.subject;
  if (!ref.instanceId) return null;
  const number = `Request ${requestNumber(ref.instanceId)}`;
  if (!ref.requestStartedAt) return number;
  return `${number} · started ${formatWhen(ref.requestStartedAt, now, { timeZone: tz })}`;
}
