import type { Calendar } from '@portalflow/engine';
import { describe, expect, it } from 'vitest';
import { runScript } from '../src/model/simulation.ts';
import { instantOfStartText, simulationStart, startText } from '../src/model/simulationStart.ts';
import { triage } from './model-support.ts';

/** A Denver clinic open 8:00–17:00 on weekdays, closed on New Year's Day. */
const DENVER: Calendar = {
  timeZone: 'America/Denver',
  hours: {
    mon: [['08:00', '17:00']],
    tue: [['08:00', '17:00']],
    wed: [['08:00', '17:00']],
    thu: [['08:00', '17:00']],
    fri: [['08:00', '17:00']],
  },
  holidays: ['2027-01-01'],
};

describe('a practice run starts at the clinic’s next working moment', () => {
  it('during opening hours: now, on the next whole minute', () => {
    // Monday 7 Dec 2026, 10:14:20 in Denver (17:14:20 UTC).
    expect(simulationStart('2026-12-07T17:14:20.500Z', DENVER)).toBe('2026-12-07T17:15:00.000Z');
    expect(simulationStart('2026-12-07T17:14:00.000Z', DENVER)).toBe('2026-12-07T17:14:00.000Z');
  });

  it('on a weekend, at night or on a closed day: the next opening', () => {
    // Sunday 6 Dec 2026, 8:35 AM in Denver → Monday 8:00 AM.
    expect(simulationStart('2026-12-06T15:35:00.000Z', DENVER)).toBe('2026-12-07T15:00:00.000Z');
    // Friday 4 Dec, 5:30 PM → Monday 8:00 AM.
    expect(simulationStart('2026-12-05T00:30:00.000Z', DENVER)).toBe('2026-12-07T15:00:00.000Z');
    // New Year's Eve after closing → Saturday, Sunday and the holiday pass: Monday 4 Jan 2027.
    expect(simulationStart('2027-01-01T02:00:00.000Z', DENVER)).toBe('2027-01-04T15:00:00.000Z');
  });

  it('the start box reads as the clinic writes a time: month first, on the clinic’s clock, in its zone', () => {
    expect(startText('2026-12-07T15:00:00.000Z', 'America/Denver', '12-hour')).toBe('Dec 7, 2026 8:00 AM');
    expect(startText('2026-12-07T21:30:00.000Z', 'America/Denver', '12-hour')).toBe('Dec 7, 2026 2:30 PM');
    expect(startText('2026-12-07T21:30:00.000Z', 'America/Denver', '24-hour')).toBe('Dec 7, 2026 14:30');
    // Past midnight UTC it is still the evening before in Denver.
    expect(startText('2027-01-05T02:15:00.000Z', 'America/Denver', '12-hour')).toBe('Jan 4, 2027 7:15 PM');
  });

  it('the start box takes a time typed the clinic’s way, meant on the clinic’s wall clock', () => {
    const denver = (text: string) => instantOfStartText(text, 'America/Denver');
    expect(denver('Dec 7, 2026 8:00 AM')).toBe('2026-12-07T15:00:00.000Z');
    expect(denver('Jan 4, 2027 10:30 AM')).toBe('2027-01-04T17:30:00.000Z');
    // As loosely as people type it: no comma, no minutes, lower case, a full month name, a dot.
    expect(denver('dec 7 2026 8 am')).toBe('2026-12-07T15:00:00.000Z');
    expect(denver('December 7, 2026, 2:30 p.m.')).toBe('2026-12-07T21:30:00.000Z');
    expect(denver('Dec 7, 2026 12:00 AM')).toBe('2026-12-07T07:00:00.000Z');
    expect(denver('Dec 7, 2026 12:30 PM')).toBe('2026-12-07T19:30:00.000Z');
    // The 24-hour clock and month-first numbers.
    expect(denver('Dec 7, 2026 14:30')).toBe('2026-12-07T21:30:00.000Z');
    expect(denver('12/7/2026 2:30 PM')).toBe('2026-12-07T21:30:00.000Z');
    // Summer: Denver is six hours behind UTC, not seven.
    expect(denver('Jul 1, 2027 9:00 AM')).toBe('2027-07-01T15:00:00.000Z');
    // What is not a moment is refused, never guessed.
    for (const wrong of [
      'not a time',
      '',
      'Feb 30, 2027 8:00 AM',
      'Dec 7, 2026 13:00 PM',
      'Dec 7, 2026 24:00',
      'Dec 7 8:00 AM',
      '7/12',
    ])
      expect(denver(wrong), wrong).toBeNull();
  });

  it('the run starts at the chosen moment', () => {
    expect(runScript(triage(), [{ type: 'start' }], undefined, '2027-01-04T17:30:00.000Z').clock).toBe(
      '2027-01-04T17:30:00.000Z',
    );
  });
});
