import { describe, expect, it } from 'vitest';
import {
  appliedText,
  applyPreviewText,
  dayLabel,
  dayProblem,
  draftProblem,
  movedText,
  sameDraft,
  upcoming,
  withBreak,
  withClosure,
} from '../src/clinic/hours.ts';
import { closureNoticeText } from '../src/shell/ClosureNotice.tsx';

describe('clinic hours draft', () => {
  it('names what is wrong with a day: a missing time, closing before opening, overlapping hours', () => {
    expect(dayProblem([['08:00', '17:00']])).toBeNull();
    expect(
      dayProblem([
        ['08:00', '12:00'],
        ['13:00', '17:00'],
      ]),
    ).toBeNull();
    expect(dayProblem([['08:00', '']])).toMatch(/both times/);
    // On the clinic's clock, as the hours history and every other screen write times.
    expect(dayProblem([['17:00', '08:00']])).toBe('Opening 5:00 PM must be before closing 8:00 AM.');
    expect(dayProblem([['17:00', '08:00']], '24-hour')).toBe('Opening 17:00 must be before closing 08:00.');
    expect(
      dayProblem([
        ['13:00', '17:00'],
        ['08:00', '13:30'],
      ]),
    ).toBe('8:00 AM–1:30 PM and 1:00 PM–5:00 PM overlap.');
  });

  it('refuses a week that is never open, and names the day with a problem', () => {
    expect(draftProblem({ hours: {}, closures: [] })).toMatch(/at least one day/);
    expect(draftProblem({ hours: { mon: [], tue: [['09:00', '08:00']] }, closures: [] })).toMatch(
      /^Tuesday: /,
    );
    expect(draftProblem({ hours: { wed: [['09:00', '17:00']] }, closures: [] })).toBeNull();
  });

  it('sees no change when only the order of days or closures differs', () => {
    const a = {
      hours: { mon: [['08:00', '17:00']] as Array<[string, string]>, sat: [] },
      closures: [{ date: '2027-01-01' }, { date: '2026-12-25', name: 'Christmas' }],
    };
    const b = {
      hours: { mon: [['08:00', '17:00']] as Array<[string, string]> },
      closures: [{ date: '2026-12-25', name: 'Christmas' }, { date: '2027-01-01' }],
    };
    expect(sameDraft(a, b)).toBe(true);
    expect(sameDraft(a, { ...b, closures: [{ date: '2026-12-25' }, { date: '2027-01-01' }] })).toBe(false);
    // The clock is part of what is saved: choosing the other one is a change, the 12-hour one is the default.
    expect(sameDraft(a, { ...b, clock: '24-hour' })).toBe(false);
    expect(sameDraft(a, { ...b, clock: '12-hour' })).toBe(true);
  });

  it('keeps a name as it is typed: a space on its way to the next word stays ("Snow day", not "Snowday")', () => {
    const typing = withClosure([{ date: '2026-12-31', name: 'Snow' }], '2026-12-31', 'Snow ');
    expect(typing).toEqual([{ date: '2026-12-31', name: 'Snow ' }]);
    expect(withClosure(typing, '2026-12-31', 'Snow d')).toEqual([{ date: '2026-12-31', name: 'Snow d' }]);
    // Only blanks is no name.
    expect(withClosure(typing, '2026-12-31', '  ')).toEqual([{ date: '2026-12-31' }]);
  });

  it('adds a closed day in date order, renaming one already closed', () => {
    const list = withClosure([{ date: '2027-01-01' }], '2026-12-31', 'Snow day');
    expect(list).toEqual([{ date: '2026-12-31', name: 'Snow day' }, { date: '2027-01-01' }]);
    expect(withClosure(list, '2027-01-01', 'New Year')).toEqual([
      { date: '2026-12-31', name: 'Snow day' },
      { date: '2027-01-01', name: 'New Year' },
    ]);
  });

  it("keeps a closed day's Spanish name when staff rename it, and drops an emptied one", () => {
    const named = withClosure([], '2026-11-26', 'Thanksgiving', { es: 'Día de Acción de Gracias' });
    expect(named).toEqual([
      { date: '2026-11-26', name: 'Thanksgiving', names: { es: 'Día de Acción de Gracias' } },
    ]);
    expect(withClosure(named, '2026-11-26', 'Thanksgiving Day')).toEqual([
      { date: '2026-11-26', name: 'Thanksgiving Day', names: { es: 'Día de Acción de Gracias' } },
    ]);
    expect(withClosure(named, '2026-11-26', 'Thanksgiving', { es: ' ' })).toEqual([
      { date: '2026-11-26', name: 'Thanksgiving' },
    ]);
    // A Spanish name given or changed is a change to save.
    const draft = { hours: {}, closures: named };
    expect(sameDraft(draft, { hours: {}, closures: [{ date: '2026-11-26', name: 'Thanksgiving' }] })).toBe(
      false,
    );
    expect(sameDraft(draft, { hours: {}, closures: named })).toBe(true);
  });

  it('labels dates by their weekday without a time zone shift, and keeps past days out of the way', () => {
    expect(dayLabel('2027-01-08', '2026-12-06')).toBe('Fri, Jan 8, 2027');
    // As every date on screen: the year only when it is not this one.
    expect(dayLabel('2026-12-25', '2026-12-06')).toBe('Fri, Dec 25');
    expect(upcoming([{ date: '2026-11-26' }, { date: '2026-12-25' }], '2026-12-06')).toEqual({
      ahead: [{ date: '2026-12-25' }],
      past: 1,
    });
  });

  it('a break splits the day around lunch, or adds hours to fill in', () => {
    expect(withBreak([['08:00', '17:00']])).toEqual([
      ['08:00', '12:00'],
      ['13:00', '17:00'],
    ]);
    expect(withBreak([['14:00', '20:00']])).toEqual([
      ['14:00', '20:00'],
      ['', ''],
    ]);
    expect(dayProblem(withBreak([['14:00', '20:00']]))).toMatch(/both times/);
  });

  it('says what a save did to the requests open now', () => {
    expect(movedText(null)).toMatch(/^New requests use these hours\./);
    expect(movedText(null)).toContain('The open ones keep their deadlines');
    expect(movedText({ requests: 12, deadlines: 1, failed: 0 })).toBe(
      'New requests and 12 open requests now use these hours; 1 deadline moved.',
    );
    expect(movedText({ requests: 1, deadlines: 0, failed: 2 })).toBe(
      'New requests and 1 open request now use these hours; 0 deadlines moved. 2 could not be changed and keep their hours.',
    );
    expect(movedText({ requests: 0, deadlines: 0, failed: 0 })).toMatch(/already did/);
  });
});

describe('the header’s closure notice', () => {
  it('says today, or the weekday and date, with the name staff know it by', () => {
    expect(closureNoticeText({ date: '2026-12-07', name: 'Snow day' }, '2026-12-07')).toBe(
      'Clinic closed today: Snow day',
    );
    expect(closureNoticeText({ date: '2026-12-07', name: 'Snow day' }, '2026-12-05')).toBe(
      'Clinic closed Mon, Dec 7: Snow day',
    );
    expect(closureNoticeText({ date: '2026-12-25' }, '2026-12-20')).toBe('Clinic closed Fri, Dec 25');
    expect(closureNoticeText({ date: '2027-01-01', name: 'New Year’s Day' }, '2026-12-28')).toBe(
      'Clinic closed Fri, Jan 1, 2027: New Year’s Day',
    );
  });
});

describe('applying the current hours to the requests open now', () => {
  it('says in the confirmation how many open tasks’ deadlines would move, on how many requests', () => {
    expect(applyPreviewText({ requests: 3, deadlines: 4 })).toBe(
      "4 open tasks' deadlines would move (3 open requests still on earlier hours). Each request's history will show the change.",
    );
    expect(applyPreviewText({ requests: 1, deadlines: 1 })).toMatch(
      /^1 open task's deadline would move \(1 open request still on earlier hours\)/,
    );
    expect(applyPreviewText({ requests: 2, deadlines: 0 })).toMatch(
      /^2 open requests would change .* No open task's deadline would move/,
    );
    expect(applyPreviewText({ requests: 0, deadlines: 0 })).toBe(
      'Every open request already uses the current hours: nothing would move.',
    );
  });

  it('says in the toast how many moved', () => {
    expect(appliedText({ requests: 3, deadlines: 4, failed: 0 })).toBe(
      '3 open requests now use the current hours; 4 deadlines moved.',
    );
    expect(appliedText({ requests: 1, deadlines: 1, failed: 1 })).toBe(
      '1 open request now uses the current hours; 1 deadline moved. 1 request could not be changed.',
    );
    expect(appliedText({ requests: 0, deadlines: 0, failed: 0 })).toBe(
      'Every open request already used the current hours; nothing moved.',
    );
  });
});
