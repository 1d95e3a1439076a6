import { describe, expect, it } from 'vitest';
import { calendarDate, clockTime, dateInYear } from '../src/text/clinic-dates.ts';

describe('dates and clock times as the clinic writes them', () => {
  it('writes a date month first, as a US clinic does, with the year when asked', () => {
    expect(calendarDate('2026-12-07')).toBe('Mon, Dec 7');
    expect(calendarDate('2027-01-08', { year: true })).toBe('Fri, Jan 8, 2027');
    expect(calendarDate('2026-12-07', { weekday: false })).toBe('Dec 7');
    expect(dateInYear('2026-12-25', '2026-12-06')).toBe('Fri, Dec 25');
    expect(dateInYear('2027-01-01', '2026-12-28')).toBe('Fri, Jan 1, 2027');
    // A calendar date, never an instant: 1 March stays 1 March.
    expect(calendarDate('2026-03-01')).toBe('Sun, Mar 1');
    expect(calendarDate('soon')).toBe('soon');
  });

  it('writes a wall-clock time on the clinic’s clock', () => {
    expect(clockTime('08:00', '12-hour')).toBe('8:00 AM');
    expect(clockTime('17:30', '12-hour')).toBe('5:30 PM');
    expect(clockTime('12:00', '12-hour')).toBe('12:00 PM');
    expect(clockTime('00:05', '12-hour')).toBe('12:05 AM');
    expect(clockTime('24:00', '12-hour')).toBe('12:00 AM');
    expect(clockTime('08:00', '24-hour')).toBe('08:00');
    expect(clockTime('2am', '12-hour')).toBe('2am');
  });
});
