import type { Calendar } from '@portalflow/engine';
import { describe, expect, it } from 'vitest';
import { dueSoonHorizon, isDueSoon, leadMs, warningOf } from '../src/timers/due-soon.ts';

// When a held task counts as due soon: 30 minutes of the clinic's open time before its deadline (so a
// deadline first thing tomorrow is said before closing today), a quarter of a short step's deadline,
// the warning a workflow gives a step itself (`warnBefore`), and never once the deadline has passed.
const weekdays: Array<[string, string]> = [['08:00', '17:00']];
const denver: Calendar = {
  timeZone: 'America/Denver',
  hours: { mon: weekdays, tue: weekdays, wed: weekdays, thu: weekdays, fri: weekdays },
  holidays: [],
};
const MINUTE = 60_000;
// Tuesday 10 March 2026 in Denver (UTC-6): 1 pm is 19:00Z, closing at 5 pm is 23:00Z.

describe('due soon', () => {
  it('is 30 minutes of open time before the deadline for a step given hours or days', () => {
    expect(leadMs('PT2H')).toBe(30 * MINUTE);
    expect(leadMs('P3D')).toBe(30 * MINUTE);
    // A due time set by hand on a step with no deadline of its own.
    expect(leadMs(undefined)).toBe(30 * MINUTE);
    const due = '2026-03-10T20:00:00.000Z';
    expect(isDueSoon(due, leadMs('PT4H'), '2026-03-10T19:29:00.000Z', denver)).toBe(false);
    expect(isDueSoon(due, leadMs('PT4H'), '2026-03-10T19:30:00.000Z', denver)).toBe(true);
  });

  it('for a deadline at 8:10 tomorrow morning, reminds before closing today', () => {
    const due = '2026-03-11T14:10:00.000Z';
    expect(isDueSoon(due, 30 * MINUTE, '2026-03-10T22:39:00.000Z', denver)).toBe(false); // 4:39 pm
    expect(isDueSoon(due, 30 * MINUTE, '2026-03-10T22:40:00.000Z', denver)).toBe(true); // 20 + 10 open minutes left
  });

  it('is a quarter of a short step’s deadline, at least a minute', () => {
    expect(leadMs('PT20M')).toBe(5 * MINUTE);
    expect(leadMs('PT2M')).toBe(MINUTE);
    const due = '2026-03-10T19:20:00.000Z';
    expect(isDueSoon(due, leadMs('PT20M'), '2026-03-10T19:14:00.000Z', denver)).toBe(false);
    expect(isDueSoon(due, leadMs('PT20M'), '2026-03-10T19:15:00.000Z', denver)).toBe(true);
  });

  it('is the warning the workflow gives the step, in clinic days and hours, when it gives one', () => {
    // A prior authorisation due Friday 13 March at 10 am (16:00Z), warned a clinic day before.
    const due = '2026-03-13T16:00:00.000Z';
    const dayBefore = warningOf({ after: 'P3D', calendar: 'business', warnBefore: 'P1D' });
    expect(dayBefore).toBe('P1D');
    expect(isDueSoon(due, dayBefore, '2026-03-12T15:59:00.000Z', denver)).toBe(false); // Thu 9:59 am
    expect(isDueSoon(due, dayBefore, '2026-03-12T16:00:00.000Z', denver)).toBe(true); // Thu 10 am
    // Without one, as before: 30 minutes, or a quarter of a short deadline.
    expect(warningOf({ after: 'P3D' })).toBe('PT1800S');
    expect(warningOf({ after: 'PT20M' })).toBe('PT300S');
    expect(warningOf(undefined)).toBe('PT1800S');
  });

  it('looks as far ahead as the longest warning any workflow gives', () => {
    const now = '2026-03-10T19:00:00.000Z'; // Tuesday 1 pm
    expect(dueSoonHorizon(now, denver, [])).toBe('2026-03-10T19:30:00.000Z');
    expect(dueSoonHorizon(now, denver, ['PT10M', 'P1D', 'PT2H'])).toBe('2026-03-11T19:00:00.000Z');
  });

  it('is never said of work already overdue', () => {
    const due = '2026-03-10T20:00:00.000Z';
    expect(isDueSoon(due, 30 * MINUTE, due, denver)).toBe(false);
    expect(isDueSoon(due, 30 * MINUTE, '2026-03-10T21:00:00.000Z', denver)).toBe(false);
  });
});
