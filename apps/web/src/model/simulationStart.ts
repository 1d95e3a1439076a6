import { type Calendar, DEFAULT_CALENDAR, fromWall, nextOpening, toWall } from '@portalflow/engine';

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

/** An instant as the clinic's wall clock reads it, for a date-and-time box: `2026-12-07T08:00`. */
export function wallOf(instant: string, timeZone: string): string {
  return new Date(toWall(Date.parse(instant), timeZone)).toISOString().slice(0, 16);
}

/** The instant a date-and-time box means on the clinic's wall clock; null when it is not one. */
export function instantOfWall(wall: string, timeZone: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(wall)) return null;
  const ms = Date.parse(`${wall}:00.000Z`);
  return Number.isNaN(ms) ? null : new Date(fromWall(ms, timeZone)).toISOString();
}
