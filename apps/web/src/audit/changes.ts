import { assignmentKind, idToWords } from '@portalflow/engine';
import type { TimelineEntry } from '../api/types.ts';

export type Change = TimelineEntry['changes'][number];

export interface ChangeFormatters {
  /** A time, e.g. formatWhen. */
  when: (iso: string) => string;
  /** A user id as shown to the reader (a name when known, else the id). */
  who: (userId: string) => string;
  /** A role id as shown to the reader. */
  role?: (roleId: string) => string;
  /**
   * A data field as its form names and shows it ("Kind of result", "Lab"); undefined for a key no form
   * declares, which then reads as its id in words, marked as data.
   */
  dataField?: (key: string) => { label: string; value: (v: unknown) => string } | undefined;
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

/** Whether a change came without its values: a form field's, from a history read without them. */
export const withheld = (change: Change): boolean =>
  change.field.startsWith('data.') && !('from' in change) && !('to' in change);

/**
 * One change as text: "Assignee: — → ana", "Due: Mon 9:00 AM → Tue 9:00 AM", a data field by its form
 * label with its values as the form shows them ("Kind of result: — → Lab"), or only its name ("Medication
 * changed") while its values are not revealed. An outcome is set once, so it reads "Outcome: Needs
 * provider" without an arrow. A data key no form declares reads "Due (data)", so it is never taken for the
 * task's own due time.
 */
export function formatChange(change: Change, f: ChangeFormatters): string {
  if (change.field.startsWith('data.')) {
    const key = change.field.slice('data.'.length);
    const field = f.dataField?.(key);
    const label = field?.label ?? `${idToWords(key)} (data)`;
    if (withheld(change)) return `${label} changed`;
    const value = (v: unknown) =>
      v === null || v === undefined || v === '' ? EMPTY : field ? field.value(v) : show('data', v, f);
    return `${label}: ${value(change.from)} → ${value(change.to)}`;
  }
  const label = idToWords(change.field);
  if (change.field === 'outcome') {
    const to = typeof change.to === 'string' ? idToWords(change.to) : show('outcome', change.to, f);
    if (change.from === null || change.from === undefined) return `${label}: ${to}`;
    return `${label}: ${show('outcome', change.from, f)} → ${to}`;
  }
  return `${label}: ${show(change.field, change.from, f)} → ${show(change.field, change.to, f)}`;
}

/**
 * An event's changes in runs by step, in their order: a completion writes a dozen form answers on its
 * step, and the step's title is said once above them rather than before each line.
 */
export function changesByStep(changes: readonly Change[]): Array<{ step: string | null; changes: Change[] }> {
  const runs: Array<{ step: string | null; changes: Change[] }> = [];
  for (const change of changes) {
    const step = change.step ?? null;
    const last = runs.at(-1);
    if (last && last.step === step) last.changes.push(change);
    else runs.push({ step, changes: [change] });
  }
  return runs;
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

/**
 * What an event did, in words, with step titles instead of ids where the server summary uses ids. A
 * reason given in someone's words and not revealed (`reasonHidden`) is said to be there, not quoted.
 */
export function describeEntry(
  entry: { type: string; summary: string; changes?: Change[]; reasonHidden?: true },
  payload: unknown,
  stepTitle: (id: string) => string,
): string {
  const withReason = entry.reasonHidden ? ' with a reason' : '';
  const p = (payload && typeof payload === 'object' ? payload : {}) as Record<string, unknown>;
  switch (entry.type) {
    case 'start':
      return 'Started';
    case 'complete':
      return typeof p.step === 'string' && typeof p.outcome === 'string'
        ? `Completed “${stepTitle(p.step)}” → ${idToWords(p.outcome)}`
        : entry.summary;
    case 'signal':
      return typeof p.name === 'string' ? `Signal “${idToWords(p.name)}” received` : entry.summary;
    case 'timer-fired': {
      // A timer's id is `<task token>.deadline` or `.wait`: the step it belonged to says more.
      const step = entry.changes?.find((c) => c.step)?.step;
      const wait = typeof p.timer === 'string' && p.timer.endsWith('.wait');
      if (!step) return wait ? 'A wait ended' : 'A deadline passed';
      return `${wait ? 'Wait ended' : 'Deadline passed'} on “${stepTitle(step)}”`;
    }
    case 'reassign': {
      const step = typeof p.step === 'string' ? p.step : entry.changes?.find((c) => c.step)?.step;
      const verb = { claim: 'Claimed', release: 'Released', reassign: 'Reassigned' }[assignmentKind(p)];
      return `${step ? `${verb} “${stepTitle(step)}”` : verb}${withReason}`;
    }
    case 'cancel':
      return typeof p.reason === 'string' && p.reason !== ''
        ? `Cancelled: ${p.reason}`
        : `Cancelled${withReason}`;
    case 'calendar-changed':
      return 'Clinic hours changed';
    case 'end-wait':
      // "Ended “Held until …” early"; the reason itself shows as "Why:" when the values are read.
      return `${entry.summary.charAt(0).toUpperCase()}${entry.summary.slice(1)}${withReason}`;
    default:
      return entry.summary.charAt(0).toUpperCase() + entry.summary.slice(1);
  }
}

/** The verify failure's reason without the "Instance '…' event N:" prefix the badge already says. */
export function shortReason(reason: string, seq: number): string {
  const stripped = reason.replace(new RegExp(`^Instance '[^']*' event ${seq}:\\s*`), '');
  return stripped.charAt(0).toUpperCase() + stripped.slice(1);
}
