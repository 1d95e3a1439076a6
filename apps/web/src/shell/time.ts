import type { ClinicClock } from '@portalflow/contract';
import { calendarDate, dateInYear, clockTime as wallClockTime } from '@portalflow/engine/text';
import { clinicClock, clinicTimeZone } from './clinic.ts';

/**
 * The one way every screen writes a time: in the clinic's time zone (whatever the browser's) and on
 * the clinic's clock ("2:30 PM" or "14:30"), with dates as a US clinic writes them, month first
 * ("Mon, Dec 7", the year only when not this one: "Mon, Dec 7, 2027"), as the app writes its numbers
 * and dollars. Days are counted on the clinic's calendar, so a daylight-saving change never makes
 * "tomorrow" of a time two dates away; a date alone (a visit date answered in a form) is a calendar
 * date and is never moved by a time zone.
 */
export interface ClockOptions {
  /** IANA time zone; the clinic's by default. */
  timeZone?: string;
  /** The clinic's clock style by default. */
  clock?: ClinicClock;
  /** Seconds too, where the record needs them (the audit timeline). */
  seconds?: boolean;
}

type When = string | number | Date;

const DAY = 86_400_000;
const DAY_ONLY = /^\d{4}-\d{2}-\d{2}$/;

const msOf = (at: When) => (at instanceof Date ? at.getTime() : typeof at === 'number' ? at : Date.parse(at));

/** "2:30 PM" or "14:30" (with seconds: "2:30:05 PM", "14:30:05") of an instant in the clinic's zone. */
export function formatTime(at: When, options: ClockOptions = {}): string {
  const clock = options.clock ?? clinicClock();
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: options.timeZone ?? clinicTimeZone(),
    hour: clock === '24-hour' ? '2-digit' : 'numeric',
    minute: '2-digit',
    ...(options.seconds ? { second: '2-digit' } : {}),
    hourCycle: clock === '24-hour' ? 'h23' : 'h12',
  }).formatToParts(new Date(msOf(at)));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  // Put together by hand: Intl's own spacing before AM/PM differs between browsers (some use U+202F).
  const time = [get('hour'), get('minute'), ...(options.seconds ? [get('second')] : [])].join(':');
  return clock === '24-hour' ? time : `${time} ${get('dayPeriod').toUpperCase()}`;
}

/** A wall-clock time written "HH:MM" (a backup's name, opening hours) in the clinic's style. */
export function clockTime(hhmm: string, clock: ClinicClock = clinicClock()): string {
  return wallClockTime(hhmm, clock);
}

/**
 * A calendar date `YYYY-MM-DD` as the clinic writes it: "Mon, Dec 7"; with `year`, "Mon, Dec 7, 2027";
 * without `weekday`, "Dec 7" (a chart's axis). The server writes its texts' dates with the same words.
 */
export { calendarDate };

/** "Mon, Dec 7" ("Mon, Dec 7, 2027" when not this year) of a date `YYYY-MM-DD` or of an instant's clinic day. */
export function formatDate(at: When, now = Date.now(), options: ClockOptions = {}): string {
  const timeZone = options.timeZone ?? clinicTimeZone();
  const day = typeof at === 'string' && DAY_ONLY.test(at) ? at : dayIn(msOf(at), timeZone);
  return dateInYear(day, dayIn(now, timeZone));
}

/** "Mon, Dec 7, 9:00 AM": the date and time, whatever day it is now. */
export function formatDateTime(at: When, now = Date.now(), options: ClockOptions = {}): string {
  return `${formatDate(at, now, options)}, ${formatTime(at, options)}`;
}

/** "Today", "Tomorrow", "Yesterday", else "Mon, Dec 7" (with the year when not this one). */
export function formatDay(at: When, now = Date.now(), options: ClockOptions = {}): string {
  const timeZone = options.timeZone ?? clinicTimeZone();
  const day = typeof at === 'string' && DAY_ONLY.test(at) ? at : dayIn(msOf(at), timeZone);
  const today = dayIn(now, timeZone);
  const days = daysBetween(today, day);
  if (days === 0) return 'Today';
  if (days === 1) return 'Tomorrow';
  if (days === -1) return 'Yesterday';
  return dateInYear(day, today);
}

/** "Today 2:30 PM", "Yesterday 4:00 PM", "Mon, Dec 7, 9:00 AM": a time as people place it in their week. */
export function formatWhen(
  at: string | number | null | undefined,
  now = Date.now(),
  options: ClockOptions = {},
): string {
  if (at === null || at === undefined || at === '') return '—';
  if (typeof at === 'string' && Number.isNaN(Date.parse(at))) return at;
  const day = formatDay(at, now, options);
  // A date takes a comma before its time ("Mon, Dec 7, 9:00 AM"); a day's name does not ("Today 2:30 PM").
  return `${day}${/\d$/.test(day) ? ',' : ''} ${formatTime(at, options)}`;
}

/** "YYYY-MM-DD" of an instant on the clinic's calendar. */
export function dayIn(ms: number, timeZone = clinicTimeZone()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(ms));
}

/** Whole calendar days from one date to another, whatever the hours in between. */
export function daysBetween(from: string, to: string): number {
  const utc = (day: string) => {
    const [y, m, d] = day.split('-').map(Number);
    return Date.UTC(y!, m! - 1, d!);
  };
  return Math.round((utc(to) - utc(from)) / DAY);
}
