import { describe, expect, it } from 'vitest';
import { rememberClinicConfig } from '../src/shell/clinic.ts';
import { matchesDue } from '../src/work/queue.ts';
import { endOfWeekDate } from '../src/work/workWeek.ts';

/** Open Monday to Friday, with the US holidays of the example clinic around these weeks. */
const WEEKDAYS_OPEN = {
  hours: {
    mon: [['08:00', '17:00']],
    tue: [['08:00', '17:00']],
    wed: [['08:00', '17:00']],
    thu: [['08:00', '17:00']],
    fri: [['08:00', '17:00']],
  },
  holidays: ['2026-11-26', '2026-12-25', '2027-01-01', '2027-01-18'],
} as const;
const open = {
  hours: WEEKDAYS_OPEN.hours as unknown as Record<string, Array<[string, string]>>,
  holidays: [...WEEKDAYS_OPEN.holidays],
};

describe('"By end of this week" on a clinic open Monday to Friday', () => {
  it('on each day of a week, runs to the Sunday before the next work week; on the weekend, covers the coming one', () => {
    const ends = [
      ['2026-12-06', '2026-12-13'], // Sunday: closed, so the coming work week (Monday and Tuesday's tasks)
      ['2026-12-07', '2026-12-13'], // Monday
      ['2026-12-08', '2026-12-13'], // Tuesday
      ['2026-12-09', '2026-12-13'], // Wednesday
      ['2026-12-10', '2026-12-13'], // Thursday
      ['2026-12-11', '2026-12-13'], // Friday: what falls due over the weekend too
      ['2026-12-12', '2026-12-20'], // Saturday: closed, so the coming work week
    ];
    expect(ends.map(([today]) => [today, endOfWeekDate(today!, open)])).toEqual(ends);
  });

  it('a holiday with open days after it is in this week; one that ends the week looks to the coming one', () => {
    expect(endOfWeekDate('2026-11-26', open)).toBe('2026-11-29'); // Thanksgiving Thursday: Friday is left
    expect(endOfWeekDate('2027-01-18', open)).toBe('2027-01-24'); // a Monday holiday: Tuesday to Friday
    expect(endOfWeekDate('2026-12-25', open)).toBe('2027-01-03'); // Christmas Friday: the week after
    expect(endOfWeekDate('2026-12-24', open)).toBe('2026-12-27'); // the open day before it
  });

  it('a clinic open on Saturdays has Sunday for its weekend', () => {
    const sixDays = { hours: { ...open.hours, sat: [['09:00', '12:00']] as Array<[string, string]> } };
    expect(endOfWeekDate('2026-12-12', sixDays)).toBe('2026-12-13'); // Saturday, open
    expect(endOfWeekDate('2026-12-13', sixDays)).toBe('2026-12-20'); // Sunday, closed
  });

  it('without a calendar, or open every day, the week runs Sunday to Saturday', () => {
    expect(endOfWeekDate('2026-12-06')).toBe('2026-12-12'); // Sunday
    expect(endOfWeekDate('2026-12-09')).toBe('2026-12-12'); // Wednesday
    expect(endOfWeekDate('2026-12-12')).toBe('2026-12-12'); // Saturday
    const always = Object.fromEntries(
      ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['00:00', '24:00']]]),
    );
    expect(endOfWeekDate('2026-12-06', { hours: always })).toBe('2026-12-12');
  });

  it('on a Sunday afternoon in Denver, tasks due Monday 10 AM and Tuesday 8 AM are this week’s', () => {
    const sunday = Date.parse('2026-12-06T23:07:00Z'); // 4:07 PM in Denver
    const monday = { due: '2026-12-07T17:00:00Z' };
    const tuesday = { due: '2026-12-08T15:00:00Z' };
    const nextMonday = { due: '2026-12-14T17:00:00Z' };
    try {
      rememberClinicConfig({
        clinic: { name: 'Clinic' },
        timeZone: 'America/Denver',
        calendar: { timeZone: 'America/Denver', ...open },
      });
      expect([monday, tuesday, nextMonday].map((t) => matchesDue(t, 'week', sunday))).toEqual([
        true,
        true,
        false,
      ]);
    } finally {
      rememberClinicConfig(null);
    }
  });
});
