import type { ClinicClock } from '@portalflow/contract';
import { clinicClock, clinicTimeZone } from '../shell/clinic.ts';
import { dayIn, daysBetween, formatDay, formatWhen } from '../shell/time.ts';

/** When something is due, as staff plan a day by it. */
export interface DueTime {
  /** The clinic's day and clock: "Today 2:30 PM", "Tomorrow 9:00 AM", "Mon, Dec 7, 9:00 AM" (the year only when not this one). */
  when: string;
  /** How far off, the secondary part: "in 3 h 30 min", "2 d late". */
  relative: string;
  /** The due time has passed (for a due day: the day is over). */
  overdue: boolean;
  /** The list's words, overdue said in words and never by colour alone: "Due Today 2:30 PM", "Overdue · Mon, Dec 7, 9:00 AM". */
  text: string;
}

const DAY_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

/**
 * The one way lists say when work is due: the clinic's day and clock time, written as every other time
 * on screen is (shell/time.ts), with how far off as a secondary part.
 * `due` is an instant (ISO 8601) or a due day (`YYYY-MM-DD`, due by its end).
 */
export function dueTime(
  due: string,
  now: number,
  timeZone = clinicTimeZone(),
  clock: ClinicClock = clinicClock(),
): DueTime {
  const today = dayIn(now, timeZone);
  if (DAY_ONLY.test(due)) {
    const days = daysBetween(today, due);
    const when = formatDay(due, now, { timeZone });
    const overdue = days < 0;
    const relative = days === 0 ? 'today' : overdue ? `${-days} d late` : `in ${days} d`;
    return { when, relative, overdue, text: overdue ? `Overdue · ${when}` : `Due ${when}` };
  }
  const at = Date.parse(due);
  const when = formatWhen(at, now, { timeZone, clock });
  const overdue = at < now;
  const span = amount(Math.abs(at - now));
  return {
    when,
    relative: overdue ? `${span} late` : `in ${span}`,
    overdue,
    text: overdue ? `Overdue · ${when}` : `Due ${when}`,
  };
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
