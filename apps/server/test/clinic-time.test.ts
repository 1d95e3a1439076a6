import { parseCalendar } from '@portalflow/engine';
import { clinicCalendar } from '@portalflow/examples';
import { describe, expect, it } from 'vitest';
import { businessMinutesBefore, openingOfDay } from '../src/seed/clinic-time.ts';

/** The demo counts its stories back from now in the clinic's open hours (Denver, weekdays 8–5). */
const calendar = parseCalendar(clinicCalendar);

describe('clinic time counted back from now', () => {
  it('on a Sunday afternoon, the last open minute is Friday’s, before closing', () => {
    // Sunday 6 December 2026, 2:35 PM in Denver.
    expect(businessMinutesBefore('2026-12-06T21:35:00.000Z', 1, calendar)).toBe('2026-12-04T23:58:00.000Z');
  });

  it('while the clinic is open, counts back within today', () => {
    // Wednesday 9 December, 2 PM: four open hours back is 10 AM.
    expect(businessMinutesBefore('2026-12-09T21:00:00.000Z', 240, calendar)).toBe('2026-12-09T17:00:00.000Z');
  });

  it('skips the weekend and a holiday', () => {
    // Friday 27 November 2026, 8:30 AM, the day after Thanksgiving: two open hours back is Wednesday 3:30 PM.
    expect(businessMinutesBefore('2026-11-27T15:30:00.000Z', 120, calendar)).toBe('2026-11-25T22:30:00.000Z');
    // Monday 7 December, 7 AM, before opening: one open hour back is Friday 3:59 PM (an hour from 4 PM
    // ends at closing, which the engine counts as the next opening).
    expect(businessMinutesBefore('2026-12-07T14:00:00.000Z', 60, calendar)).toBe('2026-12-04T22:59:00.000Z');
  });

  it('finds when the clinic opened on the day of an open instant', () => {
    expect(openingOfDay('2026-12-09T18:35:00.000Z', calendar)).toBe('2026-12-09T15:00:00.000Z');
    expect(openingOfDay('2026-12-09T15:00:00.000Z', calendar)).toBe('2026-12-09T15:00:00.000Z');
  });
});
