import { describe, expect, it } from 'vitest';
import { dueTime } from '../src/work/dueTime.ts';

const DENVER = 'America/Denver';
// Most cases on the 24-hour clock; the clinic's 12-hour clock has its own case below.
const H24 = '24-hour';
// Wednesday 25 November 2026, 11:00 in Denver (UTC−7).
const NOW = Date.parse('2026-11-25T18:00:00Z');

describe('dueTime: the clock time a task is due, in the clinic’s time zone', () => {
  it('says today, tomorrow and yesterday by name, with the 24-hour clock time', () => {
    expect(dueTime('2026-11-25T21:30:00Z', NOW, DENVER, H24)).toMatchObject({
      when: 'Today 14:30',
      relative: 'in 3 h 30 min',
      overdue: false,
      text: 'Due Today 14:30',
    });
    expect(dueTime('2026-11-26T16:00:00Z', NOW, DENVER, H24).when).toBe('Tomorrow 09:00');
    expect(dueTime('2026-11-24T23:00:00Z', NOW, DENVER, H24).when).toBe('Yesterday 16:00');
  });

  it('writes the time on the clinic’s clock, the 12-hour clock by default', () => {
    expect(dueTime('2026-11-25T21:30:00Z', NOW, DENVER)).toMatchObject({
      when: 'Today 2:30 PM',
      text: 'Due Today 2:30 PM',
    });
    expect(dueTime('2026-12-07T16:00:00Z', NOW, DENVER, '12-hour').when).toBe('Mon, Dec 7, 9:00 AM');
  });

  it('names any other day by weekday, date and month', () => {
    expect(dueTime('2026-12-07T16:00:00Z', NOW, DENVER, H24).when).toBe('Mon, Dec 7, 09:00');
    expect(dueTime('2026-11-20T16:05:00Z', NOW, DENVER, H24).when).toBe('Fri, Nov 20, 09:05');
  });

  it('adds the year only when it is not this year', () => {
    expect(dueTime('2027-01-04T16:00:00Z', NOW, DENVER, H24).when).toBe('Mon, Jan 4, 2027, 09:00');
    expect(dueTime('2025-12-31T16:00:00Z', NOW, DENVER, H24).when).toBe('Wed, Dec 31, 2025, 09:00');
  });

  it('counts days in the clinic’s time zone, not the browser’s or UTC', () => {
    // 23:30 in Denver on the 25th is already the 26th in UTC: still today at the clinic.
    expect(dueTime('2026-11-26T06:30:00Z', NOW, DENVER, H24).when).toBe('Today 23:30');
    // 00:15 on the 26th in Denver: tomorrow, though only 13 hours away.
    expect(dueTime('2026-11-26T07:15:00Z', NOW, DENVER, H24).when).toBe('Tomorrow 00:15');
    // One instant, two clinics: 02:00 today in Denver is 22:00 yesterday in Auckland (UTC+13).
    expect(dueTime('2026-11-25T09:00:00Z', NOW, DENVER, H24).when).toBe('Today 02:00');
    expect(dueTime('2026-11-25T09:00:00Z', NOW, 'Pacific/Auckland', H24).when).toBe('Yesterday 22:00');
  });

  it('keeps day boundaries and clock times right across daylight-saving changes', () => {
    // Spring forward: Sunday 8 March 2026 in Denver has 23 hours.
    const saturdayLate = Date.parse('2026-03-08T06:30:00Z'); // Sat 7 Mar 23:30 MST
    // 24 hours later is already 00:30 on Monday: two days on, not "Tomorrow".
    expect(dueTime('2026-03-09T06:30:00Z', saturdayLate, DENVER, H24).when).toBe('Mon, Mar 9, 00:30');
    // 03:30 on Sunday, the first hour after the jump, is tomorrow at its new clock time.
    expect(dueTime('2026-03-08T09:30:00Z', saturdayLate, DENVER, H24).when).toBe('Tomorrow 03:30');
    // Fall back: Sunday 1 November 2026 has 25 hours; 23:30 that night is still today.
    const sundayEarly = Date.parse('2026-11-01T06:30:00Z'); // Sun 1 Nov 00:30 MDT
    expect(dueTime('2026-11-02T06:30:00Z', sundayEarly, DENVER, H24).when).toBe('Today 23:30');
    expect(dueTime('2026-11-02T07:30:00Z', sundayEarly, DENVER, H24).when).toBe('Tomorrow 00:30');
  });

  it('marks what is past due in words, with how late as the secondary part', () => {
    const late = dueTime('2026-11-25T15:00:00Z', NOW, DENVER, H24);
    expect(late).toMatchObject({
      when: 'Today 08:00',
      relative: '3 h late',
      overdue: true,
      text: 'Overdue · Today 08:00',
    });
    expect(dueTime('2026-11-23T16:00:00Z', NOW, DENVER, H24)).toMatchObject({
      when: 'Mon, Nov 23, 09:00',
      relative: '2 d late',
      overdue: true,
    });
    // The due minute itself has passed: overdue by less than a minute still says so.
    expect(dueTime('2026-11-25T17:59:40Z', NOW, DENVER, H24)).toMatchObject({
      overdue: true,
      relative: '1 min late',
    });
  });

  it('says how long is left roughly: minutes, hours (with minutes under 10 h), days', () => {
    expect(dueTime('2026-11-25T18:20:00Z', NOW, DENVER, H24).relative).toBe('in 20 min');
    expect(dueTime('2026-11-26T02:00:00Z', NOW, DENVER, H24).relative).toBe('in 8 h');
    expect(dueTime('2026-11-26T16:00:00Z', NOW, DENVER, H24).relative).toBe('in 22 h');
    expect(dueTime('2026-11-28T18:00:00Z', NOW, DENVER, H24).relative).toBe('in 3 d');
  });

  it('takes a due day without a time (a project’s due date) as that whole day', () => {
    expect(dueTime('2026-11-25', NOW, DENVER, H24)).toMatchObject({
      when: 'Today',
      overdue: false,
      text: 'Due Today',
    });
    expect(dueTime('2026-11-26', NOW, DENVER, H24).when).toBe('Tomorrow');
    expect(dueTime('2026-12-07', NOW, DENVER, H24)).toMatchObject({
      when: 'Mon, Dec 7',
      relative: 'in 12 d',
    });
    expect(dueTime('2026-11-24', NOW, DENVER, H24)).toMatchObject({
      when: 'Yesterday',
      overdue: true,
      relative: '1 d late',
      text: 'Overdue · Yesterday',
    });
  });
});
