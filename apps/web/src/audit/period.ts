// Day-based periods in the clinic's time zone (the same zone shell/time.ts shows times in).
import { clinicTimeZone } from '../shell/clinic.ts';
import { dayIn, formatWhen } from '../shell/time.ts';

/** `YYYY-MM-DD` of the instant `ms` in `tz`: the clinic's calendar day, as every screen counts days. */
export function dayOf(ms: number, tz = clinicTimeZone()): string {
  return dayIn(ms, tz);
}

/** How far `tz`'s wall clock is ahead of UTC at instant `ms`, in ms. */
function offsetAt(ms: number, tz: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(ms / 1000) * 1000;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
export function isDay(s: string): boolean {
  const m = DAY.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

/** The instant the day `YYYY-MM-DD` starts in `tz`, as an ISO string. */
export function dayStartIso(day: string, tz = clinicTimeZone()): string {
  const m = DAY.exec(day);
  if (!m) throw new Error(`not a day: ${day}`);
  const guess = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  let t = guess - offsetAt(guess, tz);
  t = guess - offsetAt(t, tz); // again at the found instant, for days a DST change is near
  return new Date(t).toISOString();
}

/** `day` plus `n` calendar days. */
export function addDays(day: string, n: number): string {
  const m = DAY.exec(day);
  if (!m) throw new Error(`not a day: ${day}`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + n)).toISOString().slice(0, 10);
}

/** Query bounds for whole days `from`..`to` (both included): the server's `to` is exclusive. */
export function periodBounds(
  from: string,
  to: string,
  tz = clinicTimeZone(),
): { from?: string; to?: string } {
  const bounds: { from?: string; to?: string } = {};
  if (isDay(from)) bounds.from = dayStartIso(from, tz);
  if (isDay(to)) bounds.to = dayStartIso(addDays(to, 1), tz);
  return bounds;
}

/** The last 7 days, today included. */
export function lastDays(n: number, now = Date.now(), tz = clinicTimeZone()): { from: string; to: string } {
  const today = dayOf(now, tz);
  return { from: addDays(today, -(n - 1)), to: today };
}

/**
 * A time to the second in the clinic's zone: "Today 5:53:29 AM", else the date ("Mon, Nov 2,
 * 5:53:29 AM"): events of one instance are often minutes apart.
 */
export function formatAuditTime(
  iso: string | null | undefined,
  now = Date.now(),
  tz = clinicTimeZone(),
): string {
  // The clinic's clock as on every other screen, with seconds: the record orders what happened that minute.
  return formatWhen(iso, now, { timeZone: tz, seconds: true });
}
