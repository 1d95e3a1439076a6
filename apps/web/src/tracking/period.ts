import { clinicTimeZone } from '../shell/clinic.ts';
import { calendarDate, dayIn } from '../shell/time.ts';

/**
 * The sheet's period: a quick choice or days picked by hand. It opens on the last 7 days: the week a
 * clinic manager looks back on (the Monday huddle, the week's staffing), every day a bar wide enough to
 * read; a month is one click away.
 */
export type PeriodChoice = 'last-7-days' | 'last-30-days' | 'this-month' | 'custom';

export interface Period {
  /** First day, `YYYY-MM-DD` on the clinic's calendar. */
  from: string;
  /** Last day, included. */
  to: string;
}

export const PERIOD_CHOICES: ReadonlyArray<{ value: PeriodChoice; label: string }> = [
  { value: 'last-7-days', label: 'Last 7 days' },
  { value: 'last-30-days', label: 'Last 30 days' },
  { value: 'this-month', label: 'This month' },
  { value: 'custom', label: 'Custom' },
];

const DAY_MS = 86_400_000;
const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
const dayOfMs = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const addDays = (day: string, n: number) => dayOfMs(dayMs(day) + n * DAY_MS);

/** Today on the clinic's calendar (the sheet counts the clinic's days, wherever the browser is). */
export function clinicToday(now = Date.now(), timeZone = clinicTimeZone()): string {
  return dayIn(now, timeZone);
}

/** The days of a quick choice ending today; a custom period has none of its own (today alone). */
export function periodFor(choice: PeriodChoice, today: string): Period {
  switch (choice) {
    case 'last-7-days':
      return { from: addDays(today, -6), to: today };
    case 'last-30-days':
      return { from: addDays(today, -29), to: today };
    case 'this-month':
      return { from: `${today.slice(0, 8)}01`, to: today };
    case 'custom':
      return { from: today, to: today };
  }
}

/** The period the sheet opens on: the last 7 days, today included. */
export function defaultPeriod(now = Date.now(), timeZone = clinicTimeZone()): Period {
  return periodFor('last-7-days', clinicToday(now, timeZone));
}

/**
 * Which quick choice these days are, if any. Two choices can have the same days (on the 7th "This
 * month" is the last 7 days; on the 30th of a 30-day month, the last 30): the one the person made,
 * `chosen`, is kept when its days match, else the first that matches.
 */
export function choiceOf(period: Period, today: string, chosen?: PeriodChoice): PeriodChoice {
  const matches = (value: PeriodChoice) => {
    const days = periodFor(value, today);
    return days.from === period.from && days.to === period.to;
  };
  if (chosen && chosen !== 'custom' && matches(chosen)) return chosen;
  const found = PERIOD_CHOICES.find(({ value }) => {
    if (value === 'custom') return false;
    return matches(value);
  });
  return found?.value ?? 'custom';
}

/**
 * The period as a person says it: "Last 7 days: Wed, Mar 11 – Tue, Mar 17, 2026", or for days picked by
 * hand "From Mon, Mar 2 to Fri, Mar 6, 2026 (5 days)". The year is said once unless the period spans two.
 * `chosen` is the quick choice the person made (see `choiceOf`).
 */
export function periodWords(period: Period, today: string, chosen?: PeriodChoice): string {
  const { from, to } = period;
  const twoYears = from.slice(0, 4) !== to.slice(0, 4);
  const first = calendarDate(from, { year: twoYears });
  const last = calendarDate(to, { year: true });
  const count = Math.round((dayMs(to) - dayMs(from)) / DAY_MS) + 1;
  if (count < 1) return 'The “From” day is after the “To” day';
  const choice = choiceOf(period, today, chosen);
  if (choice !== 'custom') {
    const label = PERIOD_CHOICES.find((c) => c.value === choice)!.label;
    return from === to ? `${label}: ${last}` : `${label}: ${first} – ${last}`;
  }
  if (from === to) return `${last} (1 day)`;
  return `From ${first} to ${last} (${count} days)`;
}
