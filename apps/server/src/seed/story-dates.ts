import type { Definition } from '@portalflow/engine';

const DAY_MS = 86_400_000;

/** The ids of every date field a workflow's forms declare (its start form and its steps'). */
export function dateFieldsOf(definition: Definition): Set<string> {
  const ids = new Set<string>();
  const forms = [
    definition.intake?.form ?? [],
    ...Object.values(definition.steps).map((s) => ('form' in s ? (s.form ?? []) : [])),
  ];
  for (const form of forms) for (const field of form) if (field.type === 'date') ids.add(field.id);
  return ids;
}

/**
 * How many days to move a story's dates when it is played from `playedFrom` instead of the time its
 * script was written for: whole weeks (a follow-up booked for a Monday stays on a Monday), rounded up
 * so a date the story has in the future is still in the future when it is played.
 */
export function storyDayShift(writtenFor: string, playedFrom: string): number {
  const days = Math.floor(Date.parse(playedFrom) / DAY_MS) - Math.floor(Date.parse(writtenFor) / DAY_MS);
  return Math.ceil(days / 7) * 7;
}

/** A story's form data with its date answers moved by `days` (other values as they are). */
export function shiftDates(
  data: Record<string, unknown>,
  dateFields: ReadonlySet<string>,
  days: number,
): Record<string, unknown> {
  if (days === 0) return data;
  const out: Record<string, unknown> = { ...data };
  for (const [key, value] of Object.entries(data)) {
    if (!dateFields.has(key) || typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) continue;
    out[key] = new Date(Date.parse(`${value}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
  }
  return out;
}
