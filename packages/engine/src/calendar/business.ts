import { addWallDuration, type Duration, durationMs, toDuration } from '../duration.ts';
import { PortalflowError } from '../errors.ts';
import {
  addMonths,
  DAY_MS,
  epochDay,
  formatInstant,
  parseCivilDate,
  parseInstant,
  weekdayOfEpochDay,
} from './civil.ts';
import { minutesOf, parseCalendar } from './schema.ts';
import type { Calendar, Weekday } from './types.ts';
import { fromWall, toWall } from './zone.ts';

/** Mon–Fri 08:00–17:00 UTC, no holidays: used when an instance carries no clinic calendar. */
export const DEFAULT_CALENDAR: Calendar = {
  timeZone: 'UTC',
  hours: {
    mon: [['08:00', '17:00']],
    tue: [['08:00', '17:00']],
    wed: [['08:00', '17:00']],
    thu: [['08:00', '17:00']],
    fri: [['08:00', '17:00']],
  },
  holidays: [],
};

/** Ten years: any search longer than this means the calendar (or the duration) is unusable. */
const MAX_SCAN_DAYS = 3660;

const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** [start, end) instants in ms. */
type Interval = readonly [number, number];

/** A validated calendar in the shape the hot loops want, with per-day intervals memoised. */
interface Compiled {
  zone: string;
  /** Opening intervals by weekday (0 = Sunday) as ms after local midnight, sorted. */
  week: Array<Array<readonly [number, number]>>;
  holidays: Set<number>;
  openDaysPerWeek: number;
  days: Map<number, readonly Interval[]>;
}

const byObject = new WeakMap<Calendar, Compiled>();
/** Calendars arrive again as fresh copies (snapshots, events), so also memoise by content. */
const byText = new Map<string, Compiled>();
const MAX_COMPILED = 200;
const MAX_CACHED_DAYS = 5000;

function compile(calendar: Calendar): Compiled {
  const hit = byObject.get(calendar);
  if (hit) return hit;
  const text = JSON.stringify(calendar);
  let compiled = byText.get(text);
  if (!compiled) {
    const valid = parseCalendar(calendar);
    const week = WEEKDAYS.map((wd) =>
      (valid.hours[wd] ?? [])
        .map(([open, close]) => [minutesOf(open) * 60_000, minutesOf(close) * 60_000] as const)
        .sort((a, b) => a[0] - b[0]),
    );
    const holidays = new Set<number>();
    for (const h of valid.holidays ?? []) holidays.add(parseCivilDate(h)!);
    compiled = {
      zone: valid.timeZone,
      week,
      holidays,
      openDaysPerWeek: week.filter((d) => d.length > 0).length,
      days: new Map(),
    };
    if (byText.size >= MAX_COMPILED) byText.clear();
    byText.set(text, compiled);
  }
  byObject.set(calendar, compiled);
  return compiled;
}

/** Opening intervals of a local date as instants; empty on closed days, holidays, or if lost to a DST gap. */
function intervalsOn(c: Compiled, day: number): readonly Interval[] {
  let result = c.days.get(day);
  if (result) return result;
  const local = c.holidays.has(day) ? [] : (c.week[weekdayOfEpochDay(day)] ?? []);
  const list: Interval[] = [];
  for (const [open, close] of local) {
    const start = fromWall(day * DAY_MS + open, c.zone);
    const end = fromWall(day * DAY_MS + close, c.zone);
    if (end > start) list.push([start, end]);
  }
  result = list;
  if (c.days.size >= MAX_CACHED_DAYS) c.days.clear();
  c.days.set(day, result);
  return result;
}

function localDay(c: Compiled, ms: number): number {
  return epochDay(toWall(ms, c.zone));
}

function tooFar(what: string): PortalflowError {
  return new PortalflowError('CALENDAR_INVALID', `The calendar has no ${what} within ${MAX_SCAN_DAYS} days`);
}

function isOpenMs(c: Compiled, ms: number): boolean {
  for (const [start, end] of intervalsOn(c, localDay(c, ms))) if (start <= ms && ms < end) return true;
  return false;
}

function nextOpeningMs(c: Compiled, ms: number): number {
  const first = localDay(c, ms);
  for (let day = first; day <= first + MAX_SCAN_DAYS; day++) {
    for (const [start, end] of intervalsOn(c, day)) if (end > ms) return Math.max(start, ms);
  }
  throw tooFar('opening hours');
}

/** The n-th next open day after ms's local date, at the same local time clamped into that day's hours. */
function addBusinessDays(c: Compiled, ms: number, n: number): number {
  const wall = toWall(ms, c.zone);
  const today = epochDay(wall);
  const timeOfDay = wall - today * DAY_MS;
  let count = 0;
  for (let day = today + 1; day <= today + n + MAX_SCAN_DAYS; day++) {
    const intervals = intervalsOn(c, day);
    if (intervals.length === 0 || ++count < n) continue;
    const target = fromWall(day * DAY_MS + timeOfDay, c.zone);
    for (const [start, end] of intervals) if (target < end) return Math.max(start, target);
    // Later than this day's closing: due in its last open minute rather than on another day.
    const [start, end] = intervals[intervals.length - 1]!;
    return Math.max(start, end - 60_000);
  }
  throw count === 0 ? tooFar('open day') : tooLong(n, 'business days');
}

function tooLong(n: number, unit: string): PortalflowError {
  return new PortalflowError(
    'DURATION_INVALID',
    `${n} ${unit} reach beyond ${MAX_SCAN_DAYS} days in this calendar`,
  );
}

/** Moves forward through opening intervals until `amount` ms of open time are used up. */
function consumeOpenTime(c: Compiled, ms: number, amount: number): number {
  let left = amount;
  const first = localDay(c, ms);
  let sawOpen = false;
  for (let day = first; day <= first + MAX_SCAN_DAYS; day++) {
    for (const [start, end] of intervalsOn(c, day)) {
      if (end <= ms) continue;
      sawOpen = true;
      const from = Math.max(start, ms);
      // Strictly less: a duration ending exactly at closing is due at the next opening.
      if (left < end - from) return from + left;
      left -= end - from;
    }
  }
  throw sawOpen ? tooLong(amount / 3_600_000, 'business hours') : tooFar('opening hours');
}

/** Whether the clinic is open at an instant (opening intervals are [open, close)). */
export function isOpen(instantIso: string, calendar: Calendar): boolean {
  return isOpenMs(compile(calendar), parseInstant(instantIso));
}

/** The instant itself if the clinic is open then, else the start of the next opening interval. */
export function nextOpening(instantIso: string, calendar: Calendar): string {
  return formatInstant(nextOpeningMs(compile(calendar), parseInstant(instantIso)));
}

/**
 * Adds a duration in business time. Years/months are local calendar months; weeks and days count
 * open days (a week is as many open days as the calendar has per week), landing at the same local
 * time clamped into that day's hours; hours/minutes/seconds count open time only. Counting starts
 * at the next opening, and the result is always inside opening hours.
 */
export function addBusinessDuration(
  startIso: string,
  duration: string | Duration,
  calendar: Calendar,
): string {
  const d = toDuration(duration);
  const c = compile(calendar);
  let ms = parseInstant(startIso);
  const months = d.years * 12 + d.months;
  if (months > 0) ms = fromWall(addMonths(toWall(ms, c.zone), months), c.zone);
  ms = nextOpeningMs(c, ms);
  const days = d.weeks * c.openDaysPerWeek + d.days;
  if (days > 0) ms = addBusinessDays(c, ms, days);
  const rest = durationMs(d);
  if (rest > 0) ms = consumeOpenTime(c, ms, rest);
  return formatInstant(ms);
}

/** When a deadline falls due: business time in the clinic calendar, or wall-clock time (the default). */
export function dueTime(
  nowIso: string,
  deadline: { after: string; calendar?: 'business' | 'wall' },
  calendar?: Calendar,
): string {
  return deadline.calendar === 'business'
    ? addBusinessDuration(nowIso, deadline.after, calendar ?? DEFAULT_CALENDAR)
    : addWallDuration(nowIso, deadline.after);
}
