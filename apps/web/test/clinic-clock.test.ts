import { afterEach, describe, expect, it } from 'vitest';
import { rememberClinicConfig } from '../src/shell/clinic.ts';
import {
  calendarDate,
  clockTime,
  formatDate,
  formatDateTime,
  formatDay,
  formatTime,
  formatWhen,
} from '../src/shell/time.ts';

const DENVER = { timeZone: 'America/Denver' };
const NEW_YORK = { timeZone: 'America/New_York' };
// Wednesday 25 November 2026, 11:00 in Denver (UTC−7).
const NOW = Date.parse('2026-11-25T18:00:00Z');

afterEach(() => rememberClinicConfig(null));

describe('the clinic clock: one style for every time shown, in the clinic’s time zone', () => {
  it('writes a time on the 12-hour clock ("2:30 PM") or the 24-hour clock ("14:30")', () => {
    expect(formatTime('2026-11-25T21:30:00Z', { ...DENVER, clock: '12-hour' })).toBe('2:30 PM');
    expect(formatTime('2026-11-25T21:30:00Z', { ...DENVER, clock: '24-hour' })).toBe('14:30');
    expect(formatTime('2026-11-25T16:05:00Z', { ...DENVER, clock: '12-hour' })).toBe('9:05 AM');
    expect(formatTime('2026-11-25T16:05:00Z', { ...DENVER, clock: '24-hour' })).toBe('09:05');
    // Midnight and noon, the two a 12-hour clock gets wrong most often.
    expect(formatTime('2026-11-25T07:00:00Z', { ...DENVER, clock: '12-hour' })).toBe('12:00 AM');
    expect(formatTime('2026-11-25T19:00:00Z', { ...DENVER, clock: '12-hour' })).toBe('12:00 PM');
    expect(formatTime('2026-11-25T07:00:00Z', { ...DENVER, clock: '24-hour' })).toBe('00:00');
  });

  it('adds seconds where the record needs them (the audit timeline)', () => {
    const at = '2026-11-25T12:53:29.448Z';
    expect(formatTime(at, { ...DENVER, clock: '12-hour', seconds: true })).toBe('5:53:29 AM');
    expect(formatTime(at, { ...DENVER, clock: '24-hour', seconds: true })).toBe('05:53:29');
  });

  it('writes a date as a US clinic does: weekday, month, day, the year only when not this one', () => {
    expect(formatDate('2026-12-07', NOW, DENVER)).toBe('Mon, Dec 7');
    expect(formatDate('2027-01-04', NOW, DENVER)).toBe('Mon, Jan 4, 2027');
    // An instant is dated on the clinic's calendar: 23:30 in Denver is already the next day in UTC.
    expect(formatDate('2026-11-26T06:30:00Z', NOW, DENVER)).toBe('Wed, Nov 25');
  });

  it('keeps a date-only answer (a visit date) on its calendar day, whatever the clinic’s time zone', () => {
    // Midnight UTC of 1 March is still 28 February in Denver: a calendar date must not move.
    expect(formatDate('2026-03-01', NOW, DENVER)).toBe('Sun, Mar 1');
    expect(formatDate('2026-03-01', NOW, { timeZone: 'Pacific/Auckland' })).toBe('Sun, Mar 1');
    expect(formatDay('2026-11-26', NOW, DENVER)).toBe('Tomorrow');
  });

  it('names a calendar day with or without the year or weekday (periods, chart axes)', () => {
    expect(calendarDate('2026-03-01')).toBe('Sun, Mar 1');
    expect(calendarDate('2026-03-01', { year: true })).toBe('Sun, Mar 1, 2026');
    expect(calendarDate('2026-03-01', { weekday: false })).toBe('Mar 1');
  });

  it('writes a date and time, or the day by name when it is today, tomorrow or yesterday', () => {
    const twelve = { ...DENVER, clock: '12-hour' } as const;
    expect(formatDateTime('2026-12-07T16:00:00Z', NOW, twelve)).toBe('Mon, Dec 7, 9:00 AM');
    expect(formatWhen('2026-12-07T16:00:00Z', NOW, twelve)).toBe('Mon, Dec 7, 9:00 AM');
    expect(formatWhen('2026-11-25T21:30:00Z', NOW, twelve)).toBe('Today 2:30 PM');
    expect(formatWhen('2026-11-26T16:00:00Z', NOW, twelve)).toBe('Tomorrow 9:00 AM');
    expect(formatWhen('2026-11-24T23:00:00Z', NOW, twelve)).toBe('Yesterday 4:00 PM');
    expect(formatWhen('2025-12-31T16:00:00Z', NOW, twelve)).toBe('Wed, Dec 31, 2025, 9:00 AM');
    expect(formatWhen('2026-11-25T21:30:00Z', NOW, { ...DENVER, clock: '24-hour' })).toBe('Today 14:30');
    expect(formatWhen('2026-12-07T16:00:00Z', NOW, { ...DENVER, clock: '24-hour' })).toBe(
      'Mon, Dec 7, 09:00',
    );
    expect(formatWhen(null, NOW)).toBe('—');
  });

  it('counts days in the clinic’s time zone, not the browser’s or UTC', () => {
    const twelve = { clock: '12-hour' } as const;
    // 23:30 in Denver on the 25th is already the 26th in UTC: still today at the clinic.
    expect(formatWhen('2026-11-26T06:30:00Z', NOW, { ...DENVER, ...twelve })).toBe('Today 11:30 PM');
    // 00:15 on the 26th in Denver: tomorrow, though only 13 hours away.
    expect(formatWhen('2026-11-26T07:15:00Z', NOW, { ...DENVER, ...twelve })).toBe('Tomorrow 12:15 AM');
    // One instant, two clinics.
    expect(formatWhen('2026-11-25T09:00:00Z', NOW, { ...DENVER, ...twelve })).toBe('Today 2:00 AM');
    expect(formatWhen('2026-11-25T09:00:00Z', NOW, { timeZone: 'Pacific/Auckland', ...twelve })).toBe(
      'Yesterday 10:00 PM',
    );
  });

  it('keeps days and clock times right across the fall-back change (New York, 1 November 2026)', () => {
    const twelve = { ...NEW_YORK, clock: '12-hour' } as const;
    const sundayEarly = Date.parse('2026-11-01T04:30:00Z'); // Sun 1 Nov 00:30 EDT
    // 1:30 happens twice that night: first in daylight time, then an hour later in standard time.
    expect(formatWhen('2026-11-01T05:30:00Z', sundayEarly, twelve)).toBe('Today 1:30 AM');
    expect(formatWhen('2026-11-01T06:30:00Z', sundayEarly, twelve)).toBe('Today 1:30 AM');
    expect(formatWhen('2026-11-01T07:30:00Z', sundayEarly, twelve)).toBe('Today 2:30 AM');
    // The day has 25 hours: 23:30 is still today, and 24 hours on from 00:30 is still Sunday.
    expect(formatWhen('2026-11-02T04:30:00Z', sundayEarly, twelve)).toBe('Today 11:30 PM');
    expect(formatWhen('2026-11-02T05:30:00Z', sundayEarly, twelve)).toBe('Tomorrow 12:30 AM');
    expect(formatWhen('2026-11-02T05:30:00Z', sundayEarly, { ...NEW_YORK, clock: '24-hour' })).toBe(
      'Tomorrow 00:30',
    );
  });

  it('follows the clinic configuration when no style is passed, 12-hour until it says otherwise', () => {
    const at = '2026-11-25T21:30:00Z';
    expect(formatTime(at, DENVER)).toBe('2:30 PM');
    rememberClinicConfig({
      clinic: { name: 'Riverside' },
      timeZone: 'America/Denver',
      calendar: null,
      clock: '24-hour',
    });
    expect(formatTime(at)).toBe('14:30');
    expect(formatWhen(at, NOW)).toBe('Today 14:30');
  });

  it('writes a wall-clock time ("09:15", as a backup name records it) in the clinic’s style', () => {
    expect(clockTime('09:15', '12-hour')).toBe('9:15 AM');
    expect(clockTime('00:05', '12-hour')).toBe('12:05 AM');
    expect(clockTime('17:00', '12-hour')).toBe('5:00 PM');
    expect(clockTime('09:15', '24-hour')).toBe('09:15');
    // Anything else (a setting written another way) is shown as written rather than guessed at.
    expect(clockTime('2am', '12-hour')).toBe('2am');
  });
});
