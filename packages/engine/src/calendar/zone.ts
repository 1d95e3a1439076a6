import { DAY_MS } from './civil.ts';

/**
 * Instants ⇄ local wall-clock time in an IANA zone, using only `Intl.DateTimeFormat`.
 * Wall times are numbers: the local date and time encoded as if it were UTC milliseconds.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** Offset (wall − UTC) in ms at an instant, straight from Intl; offsets are whole seconds. */
function exactOffset(zone: string, ms: number): number {
  const whole = Math.floor(ms / 1000) * 1000;
  let year = 0;
  let month = 0;
  let day = 0;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let bc = false;
  for (const p of formatter(zone).formatToParts(whole)) {
    switch (p.type) {
      case 'year':
        year = Number(p.value);
        break;
      case 'month':
        month = Number(p.value);
        break;
      case 'day':
        day = Number(p.value);
        break;
      case 'hour':
        hour = Number(p.value);
        break;
      case 'minute':
        minute = Number(p.value);
        break;
      case 'second':
        second = Number(p.value);
        break;
      case 'era':
        bc = p.value === 'BC' || p.value === 'B';
        break;
      default:
        break;
    }
  }
  const d = new Date(0);
  d.setUTCFullYear(bc ? 1 - year : year, month - 1, day);
  d.setUTCHours(hour % 24, minute, second, 0);
  return d.getTime() - whole;
}

/**
 * Offsets per zone and UTC day. When a day starts and ends on the same offset it has no
 * transition (no zone changes twice in a day), so the offset is cached for the whole day;
 * transition days (`null`) are always asked exactly. Bounded to keep long replays flat.
 */
const dayOffsets = new Map<string, Map<number, number | null>>();
const MAX_CACHED_DAYS = 20_000;

export function offsetAt(zone: string, ms: number): number {
  let days = dayOffsets.get(zone);
  if (!days) {
    days = new Map();
    dayOffsets.set(zone, days);
  }
  const day = Math.floor(ms / DAY_MS);
  let cached = days.get(day);
  if (cached === undefined) {
    const start = exactOffset(zone, day * DAY_MS);
    const end = exactOffset(zone, day * DAY_MS + DAY_MS - 1000);
    cached = start === end ? start : null;
    if (days.size >= MAX_CACHED_DAYS) days.clear();
    days.set(day, cached);
  }
  return cached ?? exactOffset(zone, ms);
}

/** The local wall time of an instant. */
export function toWall(ms: number, zone: string): number {
  return ms + offsetAt(zone, ms);
}

/**
 * The instant of a local wall time. In a spring-forward gap (the wall time never happens) it is
 * the first instant after the gap; in a fall-back overlap (it happens twice) the earlier one.
 */
export function fromWall(wall: number, zone: string): number {
  // No zone changes offset twice within a couple of days, so these bracket every candidate.
  const before = offsetAt(zone, wall - DAY_MS);
  const after = offsetAt(zone, wall + DAY_MS);
  const valid: number[] = [];
  for (const offset of before === after ? [before] : [before, after]) {
    const t = wall - offset;
    if (offsetAt(zone, t) === offset) valid.push(t);
  }
  if (valid.length) return Math.min(...valid);
  if (before === after) {
    // Unusual history (two changes close together): settle on the offset in force there.
    return wall - offsetAt(zone, wall - before);
  }
  return transitionBetween(zone, wall - Math.max(before, after), wall - Math.min(before, after));
}

/** First whole second in (lo, hi] whose offset differs from the offset at lo. */
function transitionBetween(zone: string, loMs: number, hiMs: number): number {
  const first = offsetAt(zone, loMs);
  let lo = Math.floor(loMs / 1000);
  let hi = Math.ceil(hiMs / 1000);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(zone, mid * 1000) === first) lo = mid;
    else hi = mid;
  }
  return hi * 1000;
}

/** Zones already accepted: building a DateTimeFormat to check costs more than the transition it guards. */
const validZones = new Set<string>();

/** Whether `zone` is an IANA zone this runtime knows. */
export function isValidTimeZone(zone: string): boolean {
  if (typeof zone !== 'string' || zone === '') return false;
  if (validZones.has(zone)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    validZones.add(zone);
    return true;
  } catch {
    return false;
  }
}
