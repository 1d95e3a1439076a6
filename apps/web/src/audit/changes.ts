import { assignmentKind } from '@portalflow/engine';
import type { TimelineEntry } from '../api/types.ts';

export type Change = TimelineEntry['changes'][number];

export interface ChangeFormatters {
  /** A time, e.g. formatWhen. */
  when: (iso: string) => string;
  /** A user id as shown to the reader (a name when known, else the id). */
  who: (userId: string) => string;
  /** A role id as shown to the reader. */
  role?: (roleId: string) => string;
}

const EMPTY = '—';

function show(field: string, value: unknown, f: ChangeFormatters): string {
  if (value === null || value === undefined || value === '') return EMPTY;
  if (typeof value === 'string') {
    if (field === 'due') return f.when(value);
    if (field === 'assignee') return f.who(value);
    if (field === 'role') return f.role ? f.role(value) : value;
    return value;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/**
 * One change as text: "assignee: — → ana", "due: Mon 9:00 AM → Tue 9:00 AM". An outcome is set once,
 * so it reads "outcome: needs-provider" without an arrow.
 */
export function formatChange(change: Change, f: ChangeFormatters): string {
  const to = show(change.field, change.to, f);
  if (change.field === 'outcome' && (change.from === null || change.from === undefined)) {
    return `outcome: ${to}`;
  }
  return `${change.field}: ${show(change.field, change.from, f)} → ${to}`;
}

/** The role an event was recorded under: the timeline's, else the one in the event's payload. */
export function roleOfEvent(entryRole: string | null, payload: unknown): string | null {
  if (entryRole) return entryRole;
  if (payload && typeof payload === 'object' && 'role' in payload) {
    const role = (payload as { role?: unknown }).role;
    if (typeof role === 'string' && role !== '') return role;
  }
  return null;
}

/** A user id shortened for dense tables; the full id goes in a title/tooltip. */
export function shortId(id: string): string {
  return id.length > 12 ? `${id.slice(0, 8)}…` : id;
}

/** What an event did, in words, with step titles instead of ids where the server summary uses ids. */
export function describeEntry(
  entry: { type: string; summary: string; changes?: Change[] },
  payload: unknown,
  stepTitle: (id: string) => string,
): string {
  const p = (payload && typeof payload === 'object' ? payload : {}) as Record<string, unknown>;
  switch (entry.type) {
    case 'start':
      return 'Started';
    case 'complete':
      return typeof p.step === 'string' && typeof p.outcome === 'string'
        ? `Completed “${stepTitle(p.step)}” → ${p.outcome}`
        : entry.summary;
    case 'signal':
      return typeof p.name === 'string' ? `Signal “${p.name}” received` : entry.summary;
    case 'timer-fired':
      return typeof p.timer === 'string' ? `Deadline ${p.timer} passed` : entry.summary;
    case 'reassign': {
      const step = typeof p.step === 'string' ? p.step : entry.changes?.find((c) => c.step)?.step;
      const verb = { claim: 'Claimed', release: 'Released', reassign: 'Reassigned' }[assignmentKind(p)];
      return step ? `${verb} “${stepTitle(step)}”` : verb;
    }
    case 'cancel':
      return typeof p.reason === 'string' && p.reason !== '' ? `Cancelled: ${p.reason}` : 'Cancelled';
    default:
      return entry.summary.charAt(0).toUpperCase() + entry.summary.slice(1);
  }
}

/** The verify failure's reason without the "Instance '…' event N:" prefix the badge already says. */
export function shortReason(reason: string, seq: number): string {
  const stripped = reason.replace(new RegExp(`^Instance '[^']*' event ${seq}:\\s*`), '');
  return stripped.charAt(0).toUpperCase() + stripped.slice(1);
}
