import type { ClinicClock } from '@portalflow/contract';
import { type Calendar, DEFAULT_CALENDAR, fromWall, nextOpening, toWall } from '@portalflow/engine';
import { clockTime } from '@portalflow/engine/text';

const MINUTE_MS = 60_000;

/**
 * Where a practice run starts: the clinic's next working moment from `now` (now itself, on the next
 * whole minute, while the clinic is open), so deadlines fall as they would for a request arriving
 * today. Without a clinic calendar, the engine's default weekday hours.
 */
export function simulationStart(now: string, calendar: Calendar | null | undefined): string {
  const minute = Math.ceil(Date.parse(now) / MINUTE_MS) * MINUTE_MS;
  return nextOpening(new Date(minute).toISOString(), calendar ?? DEFAULT_CALENDAR);
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * An instant as the clinic writes it on its wall clock, for the start box: "Dec 7, 2026 8:00 AM", or
 * "Dec 7, 2026 14:30" on the 24-hour clock. The browser's own zone and date order play no part.
 */
export function startText(instant: string, timeZone: string, clock: ClinicClock): string {
  const wall = new Date(toWall(Date.parse(instant), timeZone));
  const date = `${MONTHS[wall.getUTCMonth()]!.slice(0, 3)} ${wall.getUTCDate()}, ${wall.getUTCFullYear()}`;
  return `${date} ${clockTime(wall.toISOString().slice(11, 16), clock)}`;
}

// "Dec 7, 2026" or "December 7 2026"; "12/7/2026" (month first, as the clinic writes dates).
const NAMED_DATE = /^([a-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$/;
const NUMBER_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
// "8:00 AM", "8am", "2:30 p.m.", "14:30".
const TIME = /^(\d{1,2})(?::(\d{2}))?\s*(?:([ap])\.?\s*m\.?)?$/;

/**
 * The instant a start typed the clinic's way means on the clinic's wall clock: "Dec 7, 2026 8:00 AM"
 * as the box shows it, or as loosely as people type it ("dec 7 2026 8 am", "12/7/2026 2:30 PM",
 * "Dec 7, 2026 14:30"). Null when it names no moment (no year, a 30 February, "13:00 PM").
 */
export function instantOfStartText(text: string, timeZone: string): string | null {
  const words = text.trim().toLowerCase().replace(/\s+/g, ' ');
  // The time is what follows the year.
  const split = /^(.*?\d{4}),?\s+(.+)$/.exec(words);
  if (!split) return null;
  const date = dateOf(split[1]!);
  const time = timeOf(split[2]!);
  if (!date || !time) return null;
  const wall = Date.UTC(date.year, date.month - 1, date.day, time.hour, time.minute);
  const back = new Date(wall);
  if (back.getUTCMonth() !== date.month - 1 || back.getUTCDate() !== date.day) return null;
  return new Date(fromWall(wall, timeZone)).toISOString();
}

function dateOf(text: string): { year: number; month: number; day: number } | null {
  const named = NAMED_DATE.exec(text);
  if (named) {
    // "Dec", "Dec." or "December"; not "Decimal".
    const month = MONTHS.findIndex((m) => m.toLowerCase().startsWith(named[1]!)) + 1;
    return month === 0 ? null : { year: Number(named[3]), month, day: Number(named[2]) };
  }
  const numbers = NUMBER_DATE.exec(text);
  if (numbers) {
    const month = Number(numbers[1]);
    return month >= 1 && month <= 12 ? { year: Number(numbers[3]), month, day: Number(numbers[2]) } : null;
  }
  return null;
}

function timeOf(text: string): { hour: number; minute: number } | null {
  const match = TIME.exec(text);
  if (!match) return null;
  const hour = Number(match[1]);
  const minute = match[2] === undefined ? 0 : Number(match[2]);
  if (minute > 59) return null;
  const half = match[3];
  if (!half) return hour <= 23 ? { hour, minute } : null;
  if (hour < 1 || hour > 12) return null;
  return { hour: (hour % 12) + (half === 'p' ? 12 : 0), minute };
}
