import { describe, expect, it } from 'vitest';
import {
  type Calendar,
  DEFAULT_CALENDAR,
  dueTime,
  fromWall,
  parseCalendar,
  toWall,
} from '../src/calendar/index.ts';
import { PortalflowError } from '../src/errors.ts';

const nineToFive: Array<[string, string]> = [['08:00', '17:00']];
const denver: Calendar = {
  timeZone: 'America/Denver',
  hours: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive },
  holidays: ['2026-12-25'],
};

describe('time zones', () => {
  it('converts wall times in gaps forward and in overlaps to the earlier instant', () => {
    const wall = (y: number, mo: number, d: number, h: number, mi: number): number =>
      Date.UTC(y, mo - 1, d, h, mi);
    expect(new Date(fromWall(wall(2026, 3, 8, 2, 30), 'America/New_York')).toISOString()).toBe(
      '2026-03-08T07:00:00.000Z',
    );
    expect(new Date(fromWall(wall(2026, 11, 1, 1, 30), 'America/New_York')).toISOString()).toBe(
      '2026-11-01T05:30:00.000Z',
    );
    // Lord Howe moves by 30 minutes: 02:00 → 02:30 on 4 Oct 2026 (UTC+10:30 → +11).
    expect(new Date(fromWall(wall(2026, 10, 4, 2, 15), 'Australia/Lord_Howe')).toISOString()).toBe(
      '2026-10-03T15:30:00.000Z',
    );
    expect(new Date(fromWall(wall(2026, 10, 4, 2, 45), 'Australia/Lord_Howe')).toISOString()).toBe(
      '2026-10-03T15:45:00.000Z',
    );
    const t = Date.parse('2026-07-01T12:00:00Z');
    expect(toWall(t, 'America/Denver')).toBe(wall(2026, 7, 1, 6, 0));
  });
});

describe('dueTime', () => {
  it('uses wall-clock time unless the deadline says business', () => {
    expect(dueTime('2026-03-06T16:00:00Z', { after: 'PT4H' })).toBe('2026-03-06T20:00:00.000Z');
    expect(dueTime('2026-03-06T16:00:00Z', { after: 'PT4H', calendar: 'wall' }, denver)).toBe(
      '2026-03-06T20:00:00.000Z',
    );
    expect(dueTime('2026-03-06T16:00:00Z', { after: 'PT4H', calendar: 'business' })).toBe(
      '2026-03-09T11:00:00.000Z',
    );
    expect(dueTime('2026-03-06T23:00:00Z', { after: 'PT4H', calendar: 'business' }, denver)).toBe(
      '2026-03-09T17:00:00.000Z',
    );
    expect(DEFAULT_CALENDAR.timeZone).toBe('UTC');
  });

  it('gives the same answer for equal calendars passed as fresh copies', () => {
    const copy = JSON.parse(JSON.stringify(denver)) as Calendar;
    expect(dueTime('2026-12-23T17:00:00Z', { after: 'P2D', calendar: 'business' }, copy)).toBe(
      '2026-12-28T17:00:00.000Z',
    );
  });
});

describe('parseCalendar', () => {
  it('accepts a valid calendar', () => {
    const cal = {
      timeZone: 'Australia/Lord_Howe',
      hours: {
        mon: [
          ['08:00', '12:00'],
          ['13:00', '24:00'],
        ],
      },
      holidays: ['2028-02-29'],
    };
    expect(parseCalendar(cal)).toEqual(cal);
  });

  it('remembers a valid calendar by its text: the same frozen object again, the input untouched', () => {
    const cal = { timeZone: 'America/Denver', hours: { tue: nineToFive }, holidays: ['2027-07-05'] };
    const first = parseCalendar(cal);
    const again = parseCalendar(structuredClone(cal));
    expect(again).toBe(first);
    expect(Object.isFrozen(first.hours)).toBe(true);
    expect(Object.isFrozen(cal)).toBe(false);
    // A calendar differing in one holiday is checked on its own, and an invalid one still fails.
    expect(() => parseCalendar({ ...cal, holidays: ['2027-02-29'] })).toThrow(/YYYY-MM-DD/);
    expect(parseCalendar({ ...cal, holidays: [] })).not.toBe(first);
  });

  it.each([
    ['an unknown zone', { timeZone: 'Mars/Olympus', hours: { mon: nineToFive } }, /timeZone/],
    ['a bad time', { timeZone: 'UTC', hours: { mon: [['8:00', '17:00']] } }, /HH:MM/],
    ['closing before opening', { timeZone: 'UTC', hours: { mon: [['17:00', '08:00']] } }, /before/],
    [
      'overlapping hours',
      {
        timeZone: 'UTC',
        hours: {
          mon: [
            ['08:00', '12:00'],
            ['11:00', '17:00'],
          ],
        },
      },
      /overlap/,
    ],
    [
      'a bad holiday',
      { timeZone: 'UTC', hours: { mon: nineToFive }, holidays: ['2027-02-29'] },
      /YYYY-MM-DD/,
    ],
    ['an unknown day', { timeZone: 'UTC', hours: { monday: nineToFive } }, /hours/],
    ['no opening hours', { timeZone: 'UTC', hours: { sat: [] } }, /never open/],
    ['not an object', 'mon-fri', /Invalid calendar/],
  ])('rejects %s', (_name, input, message) => {
    let error: unknown;
    try {
      parseCalendar(input);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PortalflowError);
    expect((error as PortalflowError).code).toBe('CALENDAR_INVALID');
    expect((error as PortalflowError).message).toMatch(message);
  });
});
