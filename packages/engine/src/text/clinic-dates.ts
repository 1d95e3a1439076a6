/**
 * Dates and clock times as the clinic writes them, for the screens and for the texts the server writes
 * (histories, emails): month first as a US clinic writes a date ("Mon, Dec 7", "Mon, Dec 7, 2027"), and
 * a time on the clinic's chosen clock ("2:30 PM" or "14:30"). Kept here so both say a date alike.
 */
export type ClockStyle = '12-hour' | '24-hour';

const HHMM = /^(?:([01]\d|2[0-3]):([0-5]\d)|24:00)$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A wall-clock time written `HH:MM` (opening hours, a backup's time) in the clinic's style: "9:15 AM"
 * or "09:15"; `24:00` (open until midnight) is "12:00 AM" on the 12-hour clock. Anything else is
 * shown as written rather than guessed at.
 */
export function clockTime(hhmm: string, clock: ClockStyle): string {
  if (clock === '24-hour' || !HHMM.test(hhmm)) return hhmm;
  const [h, m] = hhmm.split(':').map(Number);
  const hour = h! % 24;
  return `${hour % 12 === 0 ? 12 : hour % 12}:${String(m).padStart(2, '0')} ${hour < 12 ? 'AM' : 'PM'}`;
}

/**
 * A calendar date `YYYY-MM-DD`: "Mon, Dec 7"; with `year`, "Mon, Dec 7, 2027"; without `weekday`,
 * "Dec 7" (a chart's axis). Read as a date, never as an instant, so no time zone moves it. Anything
 * else is shown as written.
 */
export function calendarDate(day: string, options: { year?: boolean; weekday?: boolean } = {}): string {
  const match = DAY.exec(day);
  if (!match) return day;
  const [y, m, d] = match.slice(1).map(Number);
  // Noon UTC of that date names the same calendar day in any zone's weekday and month.
  const noon = new Date(Date.UTC(y!, m! - 1, d!, 12));
  const part = (o: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', ...o }).format(noon);
  const date = `${part({ month: 'short' })} ${d}${options.year ? `, ${y}` : ''}`;
  return options.weekday === false ? date : `${part({ weekday: 'short' })}, ${date}`;
}

/** "Mon, Dec 7", with the year only when it is not `today`'s (`YYYY-MM-DD`). */
export function dateInYear(day: string, today: string): string {
  return calendarDate(day, { year: day.slice(0, 4) !== today.slice(0, 4) });
}
