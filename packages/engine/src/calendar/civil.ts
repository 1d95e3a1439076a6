import { PortalflowError } from '../errors.ts';

/**
 * Civil (proleptic Gregorian) date arithmetic on plain numbers, and strict ISO instants.
 * "Wall" milliseconds are local wall-clock times encoded as if they were UTC, so the same
 * arithmetic serves UTC and any zone.
 */

export const DAY_MS = 86_400_000;

const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Largest magnitude `Date` accepts (±100,000,000 days from the epoch). */
const MAX_MS = 8.64e15;

export interface CivilDate {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
}

/** Milliseconds of `year-month-day 00:00` UTC; years 0–99 are real years, not 19xx. */
export function civilToMs(year: number, month: number, day: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return d.getTime();
}

export function msToCivil(ms: number): CivilDate {
  const d = new Date(ms);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function daysInMonth(year: number, month: number): number {
  return new Date(civilToMs(year, month + 1, 0)).getUTCDate();
}

/** Whole days since 1970-01-01 of a (wall or UTC) millisecond value. */
export function epochDay(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOfEpochDay(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Adds calendar months, keeping the time of day and clamping the day to the target month's length. */
export function addMonths(ms: number, months: number): number {
  if (months === 0) return ms;
  const day = epochDay(ms);
  const timeOfDay = ms - day * DAY_MS;
  const { year, month, day: dom } = msToCivil(day * DAY_MS);
  const total = month - 1 + months;
  const y = year + Math.floor(total / 12);
  const m = (((total % 12) + 12) % 12) + 1;
  return civilToMs(y, m, Math.min(dom, daysInMonth(y, m))) + timeOfDay;
}

/** `YYYY-MM-DD` to its epoch day, or undefined when it is not a real date. */
export function parseCivilDate(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return epochDay(civilToMs(year, month, day));
}

const INSTANT =
  /^((\d{4}-\d{2}-\d{2})T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d)?)(?:\.(\d+))?(Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/**
 * Parses an ISO 8601 instant with an explicit offset (`Z` or `±HH:MM`). Local times without an
 * offset are refused: their meaning would depend on the machine's zone, which breaks replay.
 */
export function parseInstant(iso: string): number {
  // Fast path for the canonical form the engine itself writes (`…T16:00:00.000Z`): replay reads
  // thousands of these. A day past the 28th is checked for roll-over (Feb 30 → Mar 2).
  if (typeof iso === 'string' && iso.length === 24 && CANONICAL.test(iso)) {
    const ms = Date.parse(iso);
    const day = (iso.charCodeAt(8) - 48) * 10 + (iso.charCodeAt(9) - 48);
    if (Number.isFinite(ms) && (day <= 28 || new Date(ms).getUTCDate() === day)) return ms;
  }
  const m = typeof iso === 'string' ? INSTANT.exec(iso) : null;
  // `Date.parse` rolls Feb 30 over to March, so the date is checked on its own first.
  const real = m !== null && parseCivilDate(m[2]!) !== undefined;
  // Fractions beyond milliseconds are truncated so every engine parses the same value.
  const ms = real
    ? Date.parse(`${m[1]}${m[3] ? `.${m[3].slice(0, 3).padEnd(3, '0')}` : ''}${m[4]}`)
    : Number.NaN;
  if (!Number.isFinite(ms)) {
    throw new PortalflowError(
      'EVENT_INVALID',
      `'${String(iso)}' is not an instant; expected ISO 8601 with an offset, e.g. 2026-03-02T08:00:00Z`,
    );
  }
  return ms;
}

/** `YYYY-MM-DDTHH:mm:ss.sssZ`; fails with DURATION_INVALID when arithmetic left the representable range. */
export function formatInstant(ms: number): string {
  if (!Number.isFinite(ms) || Math.abs(ms) > MAX_MS) {
    throw new PortalflowError('DURATION_INVALID', 'The resulting time is out of range');
  }
  return new Date(ms).toISOString();
}
