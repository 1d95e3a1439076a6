import type { Calendar, Weekday } from '@portalflow/engine';

/** The clinic's open days as the Due filter needs them: its weekly hours and its closed dates. */
export type OpenDays = Pick<Calendar, 'hours' | 'holidays'>;

const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
/** How far ahead to look for an open day before giving up on the calendar (closed for a whole year). */
const LOOK_AHEAD_DAYS = 370;

const parse = (date: string) => {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!));
};
const iso = (date: Date) => date.toISOString().slice(0, 10);
const plusDays = (date: Date, days: number) => new Date(date.getTime() + days * 86_400_000);
const weekdayOf = (date: Date): Weekday => WEEKDAYS[date.getUTCDay()]!;

/** The Saturday that ends the Sunday–Saturday week holding `date`: the week as a US clinic says it. */
function saturdayOf(date: Date): string {
  return iso(plusDays(date, 6 - date.getUTCDay()));
}

/**
 * The last clinic-local date "By end of this week" covers, from `today` ("YYYY-MM-DD").
 *
 * "This week" is the work week the person is in, or, on a day the clinic is closed with no open day
 * left before its weekend (a Saturday, a Sunday, a Friday holiday), the coming one: on a Sunday the
 * tasks due Monday and Tuesday are this week's work, not next week's. The week runs until the next
 * work week starts, so what falls due over the weekend (a deadline on the clock, not on the
 * calendar) counts too. A clinic open every day, or with no calendar, has no weekend to go by: its
 * week runs Sunday to Saturday.
 */
export function endOfWeekDate(today: string, open: OpenDays | null = null): string {
  const start = parse(today);
  if (!open) return saturdayOf(start);
  const regular = (date: Date) => (open.hours[weekdayOf(date)]?.length ?? 0) > 0;
  const closed = new Set(open.holidays ?? []);
  const openOn = (date: Date) => regular(date) && !closed.has(iso(date));
  const weekend = WEEKDAYS.filter((day) => (open.hours[day]?.length ?? 0) === 0);
  if (weekend.length === 0 || weekend.length === WEEKDAYS.length) return saturdayOf(start);

  // The first open day from today on: today itself, or the first day of the coming work week.
  let day = start;
  for (let i = 0; !openOn(day); i++) {
    if (i >= LOOK_AHEAD_DAYS) return saturdayOf(start);
    day = plusDays(day, 1);
  }
  // Through the rest of that work week, then its weekend, up to the day before the next one starts.
  while (regular(plusDays(day, 1))) day = plusDays(day, 1);
  while (!regular(plusDays(day, 1))) day = plusDays(day, 1);
  return iso(day);
}
