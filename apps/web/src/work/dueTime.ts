import { clinicTimeZone } from '../shell/clinic.ts';

/** When something is due, as staff plan a day by it. */
export interface DueTime {
  /** The clinic's clock: "Today 14:30", "Tomorrow 09:00", "Mon 7 Dec 09:00" (the year only when not this one). */
  when: string;
  /** How far off, the secondary part: "in 3 h 30 min", "2 d late". */
  relative: string;
  /** The due time has passed (for a due day: the day is over). */
  overdue: boolean;
  /** The list's words, overdue said in words and never by colour alone: "Due Today 14:30", "Overdue · Mon 7 Dec 09:00". */
  text: string;
}

const DAY_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

/**
 * The one way lists say when work is due: the clinic's day and 24-hour clock time (the clinic's time
 * zone, whatever the browser's), with how far off as a secondary part. Days are counted on the
 * clinic's calendar, so a daylight-saving change never makes "tomorrow" of a time two dates away.
 * `due` is an instant (ISO 8601) or a due day (`YYYY-MM-DD`, due by its end).
 */
export function dueTime(due: string, now: number, timeZone = clinicTimeZone()): DueTime {
  const today = dayIn(now, timeZone);
  if (DAY_ONLY.test(due)) {
    const days = daysBetween(today, due);
    const when = dayName(due, days, today);
    const overdue = days < 0;
    const relative = days === 0 ? 'today' : overdue ? `${-days} d late` : `in ${days} d`;
    return { when, relative, overdue, text: overdue ? `Overdue · ${when}` : `Due ${when}` };
  }
  const at = Date.parse(due);
  const day = dayIn(at, timeZone);
  const clock = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(at));
  const when = `${dayName(day, daysBetween(today, day), today)} ${clock}`;
  const overdue = at < now;
  const span = amount(Math.abs(at - now));
  return {
    when,
    relative: overdue ? `${span} late` : `in ${span}`,
    overdue,
    text: overdue ? `Overdue · ${when}` : `Due ${when}`,
  };
}

/** "Today", "Tomorrow", "Yesterday", else "Mon 7 Dec" (with the year when it is not this one). */
function dayName(day: string, days: number, today: string): string {
  if (days === 0) return 'Today';
  if (days === 1) return 'Tomorrow';
  if (days === -1) return 'Yesterday';
  const [y, m, d] = day.split('-').map(Number);
  // Noon UTC of that date names the same calendar day in any zone's weekday and month.
  const noon = new Date(Date.UTC(y!, m! - 1, d!, 12));
  const part = (options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', ...options }).format(noon);
  const year = day.slice(0, 4) === today.slice(0, 4) ? '' : ` ${y}`;
  return `${part({ weekday: 'short' })} ${d} ${part({ month: 'short' })}${year}`;
}

/** "YYYY-MM-DD" of an instant on the clinic's calendar. */
function dayIn(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(ms));
}

/** Whole calendar days from one date to another, whatever the hours in between. */
function daysBetween(from: string, to: string): number {
  const utc = (day: string) => {
    const [y, m, d] = day.split('-').map(Number);
    return Date.UTC(y!, m! - 1, d!);
  };
  return Math.round((utc(to) - utc(from)) / DAY);
}

/** A rough span: minutes under an hour, hours (and minutes, under ten hours) under a day, else days. */
function amount(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / MINUTE));
  if (minutes < 60) return `${minutes} min`;
  if (ms < DAY) {
    const hours = Math.floor(minutes / 60);
    const rest = minutes % 60;
    if (hours >= 10 || rest === 0) return `${Math.round(ms / HOUR)} h`;
    return `${hours} h ${rest} min`;
  }
  return `${Math.round(ms / DAY)} d`;
}
