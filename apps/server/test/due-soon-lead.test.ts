import type { Calendar } from '@portalflow/engine';
import { describe, expect, it } from 'vitest';
import { isDueSoon, leadMs } from '../src/timers/due-soon.ts';

// When a held task counts as due soon: 30 minutes of the clinic's open time before its deadline (so a
// deadline first thing tomorrow is said before closing today), a quarter of the time given for short
// work, and never once the deadline has passed.
const weekdays: Array<[string, string]> = [['08:00', '17:00']];
const denver: Calendar = {
  timeZone: 'America/Denver',
  hours: { mon: weekdays, tue: weekdays, wed: weekdays, thu: weekdays, fri: weekdays },
  holidays: [],
};
// Tuesday 10 March 2026 in Denver (UTC-6): 9 am is 15:00Z, closing at 5 pm is 23:00Z.
const task = (openedAt: string, due: string) => ({ openedAt, due });

describe('due soon', () => {
  it('is 30 minutes of open time before the deadline for work given hours or days', () => {
    const t = task('2026-03-10T15:00:00.000Z', '2026-03-10T20:00:00.000Z');
    expect(leadMs(t)).toBe(30 * 60_000);
    expect(isDueSoon(t, '2026-03-10T19:29:00.000Z', denver)).toBe(false);
    expect(isDueSoon(t, '2026-03-10T19:30:00.000Z', denver)).toBe(true);
  });

  it('for a deadline at 8:10 tomorrow morning, reminds before closing today', () => {
    const t = task('2026-03-10T15:00:00.000Z', '2026-03-11T14:10:00.000Z');
    expect(isDueSoon(t, '2026-03-10T22:39:00.000Z', denver)).toBe(false); // 4:39 pm
    expect(isDueSoon(t, '2026-03-10T22:40:00.000Z', denver)).toBe(true); // 4:40 pm: 20 + 10 open minutes left
  });

  it('is a quarter of the time given for short work, at least a minute', () => {
    const short = task('2026-03-10T15:00:00.000Z', '2026-03-10T15:20:00.000Z');
    expect(leadMs(short)).toBe(5 * 60_000);
    expect(isDueSoon(short, '2026-03-10T15:14:00.000Z', denver)).toBe(false);
    expect(isDueSoon(short, '2026-03-10T15:15:00.000Z', denver)).toBe(true);
    expect(leadMs(task('2026-03-10T15:00:00.000Z', '2026-03-10T15:02:00.000Z'))).toBe(60_000);
  });

  it('is never said of work already overdue', () => {
    const t = task('2026-03-10T15:00:00.000Z', '2026-03-10T20:00:00.000Z');
    expect(isDueSoon(t, '2026-03-10T20:00:00.000Z', denver)).toBe(false);
    expect(isDueSoon(t, '2026-03-10T21:00:00.000Z', denver)).toBe(false);
  });
});
