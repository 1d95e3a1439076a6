import { fromWall, parseCalendar, toWall } from '@portalflow/engine';
import type { DayBucket } from '@portalflow/store';
import { ApiError } from '../http/errors.ts';

const DAY_MS = 86_400_000;
/** Longest period one sheet covers: a year and a bit, so the volume chart stays one query. */
export const MAX_PERIOD_DAYS = 370;

/** A sheet's period: whole clinic-local days `from`…`to` (both included), as UTC instants `[start, end)`. */
export interface Period {
  from: string;
  to: string;
  timeZone: string;
  start: string;
  end: string;
  days: DayBucket[];
}

/** The clinic's time zone from its calendar (UTC when the server runs without one). */
export function clinicTimeZone(calendar: unknown): string {
  if (calendar === undefined || calendar === null) return 'UTC';
  return parseCalendar(calendar).timeZone;
}

const dayMs = (day: string): number => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : Number.NaN;
  if (!m || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== day)
    throw new ApiError(400, 'VALIDATION_FAILED', `'${day}' is not a date (YYYY-MM-DD)`);
  return ms;
};
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The clinic-local date of an instant. */
export function localDay(instant: string, timeZone: string): string {
  return dayOf(toWall(Date.parse(instant), timeZone));
}

export function period(from: string, to: string, timeZone: string): Period {
  const first = dayMs(from);
  const last = dayMs(to);
  if (last < first) throw new ApiError(400, 'VALIDATION_FAILED', 'from is after to');
  const count = (last - first) / DAY_MS + 1;
  if (count > MAX_PERIOD_DAYS)
    throw new ApiError(400, 'VALIDATION_FAILED', `A sheet covers at most ${MAX_PERIOD_DAYS} days`);
  const days: DayBucket[] = [];
  for (let d = first; d <= last; d += DAY_MS) {
    days.push({
      day: dayOf(d),
      start: new Date(fromWall(d, timeZone)).toISOString(),
      end: new Date(fromWall(d + DAY_MS, timeZone)).toISOString(),
    });
  }
  return { from, to, timeZone, start: days[0]!.start, end: days[days.length - 1]!.end, days };
}
