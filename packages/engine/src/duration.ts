import { addMonths, DAY_MS, formatInstant, parseInstant } from './calendar/civil.ts';
import { PortalflowError } from './errors.ts';

/** An ISO 8601 duration split into its fields; each is a whole, non-negative number. */
export interface Duration {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

const PATTERN =
  /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** Keeps arithmetic far from float and `Date` limits; no workflow waits a million units. */
const MAX_FIELD = 1_000_000;

const FIELDS = ['years', 'months', 'weeks', 'days', 'hours', 'minutes', 'seconds'] as const;

/** Parses `PT4H`, `P2D`, `P1DT12H`, `P18M`, `P1W`… (whole numbers only, as the definition schema allows). */
export function parseDuration(iso: string): Duration {
  const m = typeof iso === 'string' ? PATTERN.exec(iso) : null;
  if (!m) {
    throw new PortalflowError(
      'DURATION_INVALID',
      `'${String(iso)}' is not an ISO 8601 duration such as PT4H, P2D or P1DT12H`,
      { text: iso },
    );
  }
  const d: Duration = { years: 0, months: 0, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: 0 };
  FIELDS.forEach((field, i) => {
    const n = Number(m[i + 1] ?? 0);
    if (n > MAX_FIELD) {
      throw new PortalflowError('DURATION_INVALID', `'${iso}' is too long (at most ${MAX_FIELD} ${field})`, {
        text: iso,
      });
    }
    d[field] = n;
  });
  return d;
}

/** Parsed durations by text: a workflow uses a handful, and deadlines are computed on every task opened. */
const parsed = new Map<string, Duration>();

export function toDuration(duration: string | Duration): Duration {
  if (typeof duration !== 'string') return duration;
  let d = parsed.get(duration);
  if (d === undefined) {
    d = Object.freeze(parseDuration(duration)) as Duration;
    if (parsed.size >= 1000) parsed.clear();
    parsed.set(duration, d);
  }
  return d;
}

/** Milliseconds of the time part (hours, minutes, seconds) only. */
export function durationMs(d: Duration): number {
  return ((d.hours * 60 + d.minutes) * 60 + d.seconds) * 1000;
}

/**
 * Roughly how long a duration is, in milliseconds of clock time (a month as 30 days): for comparing two
 * durations (is a warning shorter than its deadline?), never for computing when something is due.
 */
export function roughDurationMs(duration: string | Duration): number {
  const d = toDuration(duration);
  const days = (d.years * 12 + d.months) * 30 + d.weeks * 7 + d.days;
  return days * DAY_MS + durationMs(d);
}

/**
 * Adds a duration in clock time: calendar months in UTC (Jan 31 + P1M = Feb 28/29), then weeks and
 * days as 24 h each, then the time part. Returns `YYYY-MM-DDTHH:mm:ss.sssZ`.
 */
export function addWallDuration(instantIso: string, duration: string | Duration): string {
  const d = toDuration(duration);
  let ms = addMonths(parseInstant(instantIso), d.years * 12 + d.months);
  ms += (d.weeks * 7 + d.days) * DAY_MS + durationMs(d);
  return formatInstant(ms);
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * Short human text for diagrams and queues: `4 h`, `1 day 12 h`, `18 months`; with `business`,
 * `2 business days`, `4 business hours`.
 */
export function formatDuration(duration: string | Duration, business = false): string {
  const d = toDuration(duration);
  const b = business ? 'business ' : '';
  const parts: string[] = [];
  if (d.years) parts.push(plural(d.years, 'year', 'years'));
  if (d.months) parts.push(plural(d.months, 'month', 'months'));
  if (d.weeks) parts.push(plural(d.weeks, `${b}week`, `${b}weeks`));
  if (d.days) parts.push(plural(d.days, `${b}day`, `${b}days`));
  if (business) {
    if (d.hours) parts.push(plural(d.hours, 'business hour', 'business hours'));
    if (d.minutes) parts.push(plural(d.minutes, 'business minute', 'business minutes'));
    if (d.seconds) parts.push(plural(d.seconds, 'business second', 'business seconds'));
  } else {
    if (d.hours) parts.push(`${d.hours} h`);
    if (d.minutes) parts.push(`${d.minutes} min`);
    if (d.seconds) parts.push(`${d.seconds} s`);
  }
  return parts.length ? parts.join(' ') : business ? '0 business hours' : '0 h';
}
