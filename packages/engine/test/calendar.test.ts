import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addBusinessDuration,
  type Calendar,
  isOpen,
  nextOpening,
  type Weekday,
} from '../src/calendar/index.ts';
import { PortalflowError } from '../src/errors.ts';

const WEEKDAYS: Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const nineToFive: Array<[string, string]> = [['08:00', '17:00']];
const weekdays = (hours: Array<[string, string]>): Calendar['hours'] => ({
  mon: hours,
  tue: hours,
  wed: hours,
  thu: hours,
  fri: hours,
});
const denver: Calendar = {
  timeZone: 'America/Denver',
  hours: weekdays(nineToFive),
  holidays: ['2026-12-25'],
};

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof PortalflowError) return error.code;
    throw error;
  }
  return undefined;
}

// ---- An independent oracle: local fields straight from Intl, nothing shared with the engine. ----

const oracleFormats = new Map<string, Intl.DateTimeFormat>();
function local(iso: string, zone: string): { date: string; weekday: Weekday; minutes: number } {
  let f = oracleFormats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    oracleFormats.set(zone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  const ms = new Date(iso).getUTCMilliseconds();
  return {
    date: `${p.year}-${p.month}-${p.day}`,
    weekday: String(p.weekday).toLowerCase().slice(0, 3) as Weekday,
    minutes: Number(p.hour) * 60 + Number(p.minute) + Number(p.second) / 60 + ms / 60000,
  };
}
const mins = (t: string): number => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));

function openByOracle(iso: string, cal: Calendar): boolean {
  const l = local(iso, cal.timeZone);
  if (cal.holidays?.includes(l.date)) return false;
  return (cal.hours[l.weekday] ?? []).some(([o, c]) => mins(o) <= l.minutes && l.minutes < mins(c));
}

function nextDate(date: string): { date: string; weekday: Weekday } {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return { date: d.toISOString().slice(0, 10), weekday: WEEKDAYS[d.getUTCDay()]! };
}

function nextOpenDate(date: string, cal: Calendar): string {
  let day = nextDate(date);
  while (!(cal.hours[day.weekday]?.length && !cal.holidays?.includes(day.date))) day = nextDate(day.date);
  return day.date;
}

// ---- Generators ----

const ZONES = [
  'America/Denver',
  'America/New_York',
  'Europe/London',
  'Australia/Lord_Howe',
  'America/Sao_Paulo',
  'UTC',
];
const hhmm = (halfHours: number): string =>
  `${String(Math.floor(halfHours / 2)).padStart(2, '0')}:${halfHours % 2 ? '30' : '00'}`;

/** 0–2 intervals a day on a half-hour grid between `from` and 24:00. */
const dayHours = (from: number): fc.Arbitrary<Array<[string, string]>> =>
  fc
    .oneof(
      fc.constant([]),
      fc.uniqueArray(fc.integer({ min: from, max: 48 }), { minLength: 2, maxLength: 4 }),
    )
    .map((points) => {
      const sorted = [...points].sort((a, b) => a - b);
      const out: Array<[string, string]> = [];
      for (let i = 0; i + 1 < sorted.length; i += 2) out.push([hhmm(sorted[i]!), hhmm(sorted[i + 1]!)]);
      return out;
    });

const holiday = fc
  .integer({ min: 0, max: 4 * 366 })
  .map((n) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));

/** `from` is in half-hours; 16 (08:00) keeps opening hours clear of DST changes (00:00–03:00 local here). */
const calendarArb = (from = 0): fc.Arbitrary<Calendar> =>
  fc
    .record({
      timeZone: fc.constantFrom(...ZONES),
      hours: fc.record(
        Object.fromEntries(WEEKDAYS.map((d) => [d, dayHours(from)])) as Record<
          Weekday,
          fc.Arbitrary<Array<[string, string]>>
        >,
      ),
      holidays: fc.uniqueArray(holiday, { maxLength: 40 }),
    })
    .filter((c) => Object.values(c.hours).some((h) => h.length > 0));

const DST_DAYS = [
  '2026-03-08',
  '2026-11-01',
  '2027-03-14',
  '2027-11-07',
  '2028-03-12',
  '2028-11-05', // US
  '2026-03-29',
  '2026-10-25',
  '2027-03-28',
  '2027-10-31',
  '2028-03-26',
  '2028-10-29', // UK
  '2026-04-05',
  '2026-10-04',
  '2027-04-04',
  '2027-10-03',
  '2028-04-02',
  '2028-10-01', // Lord Howe
];
const startArb = fc
  .oneof(
    fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2028, 11, 31) }),
    fc
      .tuple(fc.constantFrom(...DST_DAYS), fc.integer({ min: -4 * 86_400, max: 2 * 86_400 }))
      .map(([day, s]) => Date.parse(`${day}T00:00:00Z`) + s * 1000),
  )
  // Half of the starts sit on the half-hour grid, so durations often end exactly at a closing time.
  .chain((ms) => fc.constantFrom(ms, Math.floor(ms / 1_800_000) * 1_800_000))
  .map((ms) => new Date(ms).toISOString());

const business = fc.record({
  days: fc.integer({ min: 0, max: 12 }),
  hours: fc.integer({ min: 0, max: 30 }),
  minutes: fc.oneof(fc.constantFrom(0, 30), fc.integer({ min: 0, max: 59 })),
});
const iso = (d: { days: number; hours: number; minutes: number }): string =>
  `P${d.days}DT${d.hours}H${d.minutes}M`;

describe('business time properties', () => {
  it('is due inside opening hours, never before the start, and monotonic', () => {
    fc.assert(
      fc.property(calendarArb(), startArb, business, business, (cal, start, a, extra) => {
        const due = addBusinessDuration(start, iso(a), cal);
        expect(isOpen(due, cal)).toBe(true);
        expect(openByOracle(due, cal)).toBe(true);
        expect(Date.parse(due)).toBeGreaterThanOrEqual(Date.parse(start));
        // More business days, or more business time, is never earlier.
        const moreDays = addBusinessDuration(start, iso({ ...a, days: a.days + 1 + (extra.days % 3) }), cal);
        expect(Date.parse(moreDays)).toBeGreaterThan(Date.parse(due));
        const moreTime = addBusinessDuration(
          start,
          iso({ ...a, hours: a.hours + extra.hours, minutes: a.minutes + extra.minutes }),
          cal,
        );
        expect(Date.parse(moreTime)).toBeGreaterThanOrEqual(Date.parse(due));
      }),
      { numRuns: 400 },
    );
  });

  it('agrees with the oracle about being open, and opens next at an open instant', () => {
    fc.assert(
      fc.property(calendarArb(), startArb, (cal, start) => {
        expect(isOpen(start, cal)).toBe(openByOracle(start, cal));
        const next = nextOpening(start, cal);
        expect(openByOracle(next, cal)).toBe(true);
        expect(Date.parse(next)).toBeGreaterThanOrEqual(Date.parse(start));
        if (isOpen(start, cal)) expect(next).toBe(start);
      }),
      { numRuns: 400 },
    );
  });

  it('P1D from an open instant lands on the next open day, at the same local time when that is open', () => {
    fc.assert(
      fc.property(calendarArb(16), startArb, (cal, rawStart) => {
        const start = nextOpening(rawStart, cal);
        const due = addBusinessDuration(start, 'P1D', cal);
        const from = local(start, cal.timeZone);
        const to = local(due, cal.timeZone);
        expect(to.date).toBe(nextOpenDate(from.date, cal));
        const sameTimeOpen = (cal.hours[to.weekday] ?? []).some(
          ([o, c]) => mins(o) <= from.minutes && from.minutes < mins(c),
        );
        if (sameTimeOpen) expect(to.minutes).toBeCloseTo(from.minutes, 6);
      }),
      { numRuns: 400 },
    );
  });
});

describe('business time examples', () => {
  it('Friday 16:00 in Denver + 4 business hours is Monday 11:00 (across spring-forward)', () => {
    // 2026-03-06 16:00 MST → 2026-03-09 11:00 MDT; clocks changed on Sunday 8 March.
    expect(addBusinessDuration('2026-03-06T23:00:00Z', 'PT4H', denver)).toBe('2026-03-09T17:00:00.000Z');
  });

  it('Friday 16:00 in Denver + 4 business hours across fall-back', () => {
    expect(addBusinessDuration('2026-10-30T22:00:00Z', 'PT4H', denver)).toBe('2026-11-02T18:00:00.000Z');
  });

  it('2 business days across Christmas', () => {
    // Wed 23 Dec 10:00 → Thu 24 (1), Fri 25 holiday, Mon 28 (2) at 10:00 MST.
    expect(addBusinessDuration('2026-12-23T17:00:00Z', 'P2D', denver)).toBe('2026-12-28T17:00:00.000Z');
    expect(isOpen('2026-12-25T17:00:00Z', denver)).toBe(false);
  });

  it('starts counting at the next opening and never ends on a closing instant', () => {
    // Saturday 10:00 → counting starts Monday 08:00.
    expect(addBusinessDuration('2026-03-07T17:00:00Z', 'PT2H', denver)).toBe('2026-03-09T16:00:00.000Z');
    // Friday 13:00 + 4 h uses the day up exactly, so it is due when the clinic next opens.
    expect(addBusinessDuration('2026-03-06T20:00:00Z', 'PT4H', denver)).toBe('2026-03-09T14:00:00.000Z');
    expect(addBusinessDuration('2026-03-06T20:00:00Z', 'PT0S', denver)).toBe('2026-03-06T20:00:00.000Z');
  });

  it('clamps a business day into shorter hours and skips lunch breaks', () => {
    const cal: Calendar = {
      timeZone: 'Europe/London',
      hours: {
        ...weekdays([
          ['08:00', '12:00'],
          ['13:00', '17:00'],
        ]),
        sat: [['09:00', '12:00']],
      },
    };
    // Friday 15:00 + 1 business day → Saturday, clamped into 09:00–12:00: its last open minute.
    expect(addBusinessDuration('2026-01-09T15:00:00Z', 'P1D', cal)).toBe('2026-01-10T11:59:00.000Z');
    // Saturday 08:00 (closed) rolls to 09:00, then Monday at 09:00.
    expect(addBusinessDuration('2026-01-10T08:00:00Z', 'P1D', cal)).toBe('2026-01-12T09:00:00.000Z');
    // Monday 12:30 (lunch) + 1 h → 13:00 + 1 h = 14:00.
    expect(addBusinessDuration('2026-01-12T12:30:00Z', 'PT1H', cal)).toBe('2026-01-12T14:00:00.000Z');
    expect(nextOpening('2026-01-12T12:30:00Z', cal)).toBe('2026-01-12T13:00:00.000Z');
    // Summer time: 08:00 BST is 07:00Z.
    expect(nextOpening('2026-06-06T20:00:00Z', cal)).toBe('2026-06-08T07:00:00.000Z');
  });

  it('counts a business week as one week of open days, and months on the local calendar', () => {
    expect(addBusinessDuration('2026-03-04T17:00:00Z', 'P1W', denver)).toBe('2026-03-11T16:00:00.000Z');
    // 31 Jan + 1 month → 28 Feb 2026 (a Saturday) → Monday 2 March 08:00.
    expect(addBusinessDuration('2026-01-31T17:00:00Z', 'P1M', denver)).toBe('2026-03-02T15:00:00.000Z');
  });

  it('handles opening hours inside the spring-forward gap and the fall-back overlap', () => {
    const ny = (sun: Array<[string, string]>): Calendar => ({ timeZone: 'America/New_York', hours: { sun } });
    // 8 March 2026: 02:00 EST jumps to 03:00 EDT. 01:30 EST = 06:30Z; 30 min then the day resumes at 03:00 EDT.
    expect(addBusinessDuration('2026-03-08T06:30:00Z', 'PT1H', ny([['01:00', '04:00']]))).toBe(
      '2026-03-08T07:30:00.000Z',
    );
    // An opening at 02:30 (which never happens) opens at the first real instant, 03:00 EDT.
    expect(nextOpening('2026-03-08T05:00:00Z', ny([['02:30', '05:00']]))).toBe('2026-03-08T07:00:00.000Z');
    // 1 Nov 2026: 01:00–02:00 happens twice; 01:00–03:00 local holds three real hours.
    const fall = ny([['01:00', '03:00']]);
    expect(nextOpening('2026-11-01T04:00:00Z', fall)).toBe('2026-11-01T05:00:00.000Z');
    expect(addBusinessDuration('2026-11-01T05:00:00Z', 'PT2H30M', fall)).toBe('2026-11-01T07:30:00.000Z');
    expect(isOpen('2026-11-01T06:30:00Z', fall)).toBe(true);
  });

  it('guards against calendars that never open and durations beyond ten years', () => {
    expect(
      codeOf(() => addBusinessDuration('2026-01-01T00:00:00Z', 'PT1H', { timeZone: 'UTC', hours: {} })),
    ).toBe('CALENDAR_INVALID');
    const mondays: string[] = [];
    for (let t = Date.UTC(2026, 0, 5); t < Date.UTC(2037, 0, 1); t += 7 * 86_400_000) {
      mondays.push(new Date(t).toISOString().slice(0, 10));
    }
    const never: Calendar = { timeZone: 'UTC', hours: { mon: nineToFive }, holidays: mondays };
    expect(codeOf(() => nextOpening('2026-01-01T00:00:00Z', never))).toBe('CALENDAR_INVALID');
    expect(codeOf(() => addBusinessDuration('2026-01-01T00:00:00Z', 'P1D', never))).toBe('CALENDAR_INVALID');
    expect(codeOf(() => addBusinessDuration('2026-01-01T00:00:00Z', 'PT100000H', denver))).toBe(
      'DURATION_INVALID',
    );
  });
});
