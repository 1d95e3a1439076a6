import type { Calendar } from '@portalflow/engine';
import { describe, expect, it } from 'vitest';
import { isDueSoon, leadMs } from '../src/timers/due-soon.ts';

// When a held task counts as due soon: 30 minutes of the clinic's open time before its deadline (so a
// deadline first thing tomorrow is said before closing today), a quarter of a short step's deadline,
// and never once the deadline has passed.
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

  it('is never said of work already overdue', () => {
    const due = '2026-03-10T20:00:00.000Z';
    expect(isDueSoon(due, 30 * MINUTE, due, denver)).toBe(false);
    expect(isDueSoon(due, 30 * MINUTE, '2026-03-10T21:00:00.000Z', denver)).toBe(false);
  });
});
