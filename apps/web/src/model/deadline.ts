import { type Duration, parseDuration } from '@portalflow/engine';

/**
 * Deadlines as people enter them: a whole number and a unit. The file format keeps ISO 8601
 * durations (what the engine reads); nobody at a clinic should have to type `PT4H`.
 */
export const DEADLINE_UNITS = ['minutes', 'hours', 'days', 'weeks'] as const;
export type DeadlineUnit = (typeof DEADLINE_UNITS)[number];

export interface DeadlineAmount {
  amount: number;
  unit: DeadlineUnit;
}

/** The engine's own bound on one duration field. */
const MAX_AMOUNT = 1_000_000;

export function deadlineToIso({ amount, unit }: DeadlineAmount): string {
  switch (unit) {
    case 'minutes':
      return `PT${amount}M`;
    case 'hours':
      return `PT${amount}H`;
    case 'days':
      return `P${amount}D`;
    case 'weeks':
      return `P${amount}W`;
  }
}

const only = (d: Duration, ...fields: Array<keyof Duration>) =>
  (Object.keys(d) as Array<keyof Duration>).every((k) => fields.includes(k) || d[k] === 0);

/**
 * The file's duration as number + unit, or null when it cannot be shown as one unit without changing
 * its meaning (a business day is not 24 business hours, a month is not a number of days). Hours and
 * minutes are exact on any clock, so `PT1H30M` reads as 90 minutes.
 */
export function isoToDeadline(iso: string): DeadlineAmount | null {
  let d: Duration;
  try {
    d = parseDuration(iso);
  } catch {
    return null;
  }
  if (only(d, 'weeks') && d.weeks > 0) return { amount: d.weeks, unit: 'weeks' };
  if (only(d, 'days') && d.days > 0) return { amount: d.days, unit: 'days' };
  if (only(d, 'hours') && d.hours > 0) return { amount: d.hours, unit: 'hours' };
  if (only(d, 'hours', 'minutes') && d.hours * 60 + d.minutes > 0)
    return { amount: d.hours * 60 + d.minutes, unit: 'minutes' };
  return null;
}

export type DeadlineInput = { ok: true; iso: string } | { ok: false; message: string };

/** What a deadline's amount must be, in words: "a whole number of days, from 1 to 1,000,000". */
export const deadlineRule = (unit: DeadlineUnit) =>
  `a whole number of ${unit}, from 1 to ${MAX_AMOUNT.toLocaleString('en-US')}`;

/** A typed amount checked for the inline error: a whole number from 1 to a million. */
export function deadlineFromText(text: string, unit: DeadlineUnit): DeadlineInput {
  const trimmed = text.trim();
  const amount = /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  if (!Number.isSafeInteger(amount) || amount < 1 || amount > MAX_AMOUNT) {
    return { ok: false, message: `Enter ${deadlineRule(unit)}` };
  }
  return { ok: true, iso: deadlineToIso({ amount, unit }) };
}
