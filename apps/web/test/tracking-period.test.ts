import { describe, expect, it } from 'vitest';
import { choiceOf, defaultPeriod, periodFor, periodWords } from '../src/tracking/period.ts';

/** 9 am in Denver on 17 March 2026, a Tuesday. */
const TUESDAY = Date.parse('2026-03-17T15:00:00Z');

describe('the tracking period', () => {
  it('opens on the last 7 days, today included, by the clinic’s calendar', () => {
    expect(defaultPeriod(TUESDAY, 'America/Denver')).toEqual({ from: '2026-03-11', to: '2026-03-17' });
    // Past midnight UTC it is still the evening before in Denver.
    expect(defaultPeriod(Date.parse('2026-03-18T03:00:00Z'), 'America/Denver')).toEqual({
      from: '2026-03-11',
      to: '2026-03-17',
    });
  });

  it('gives each quick choice its days', () => {
    expect(periodFor('last-7-days', '2026-01-03')).toEqual({ from: '2025-12-28', to: '2026-01-03' });
    expect(periodFor('last-30-days', '2026-03-17')).toEqual({ from: '2026-02-16', to: '2026-03-17' });
    expect(periodFor('this-month', '2026-03-17')).toEqual({ from: '2026-03-01', to: '2026-03-17' });
    expect(periodFor('this-month', '2026-03-01')).toEqual({ from: '2026-03-01', to: '2026-03-01' });
  });

  it('knows a quick choice again from its days, else the period is a custom one', () => {
    expect(choiceOf({ from: '2026-03-11', to: '2026-03-17' }, '2026-03-17')).toBe('last-7-days');
    expect(choiceOf({ from: '2026-02-16', to: '2026-03-17' }, '2026-03-17')).toBe('last-30-days');
    expect(choiceOf({ from: '2026-03-01', to: '2026-03-17' }, '2026-03-17')).toBe('this-month');
    expect(choiceOf({ from: '2026-03-10', to: '2026-03-16' }, '2026-03-17')).toBe('custom');
  });

  it('says the period in words', () => {
    expect(periodWords({ from: '2026-03-11', to: '2026-03-17' }, '2026-03-17')).toBe(
      'Last 7 days: Wed, Mar 11 – Tue, Mar 17, 2026',
    );
    expect(periodWords({ from: '2025-12-28', to: '2026-01-03' }, '2026-01-03')).toBe(
      'Last 7 days: Sun, Dec 28, 2025 – Sat, Jan 3, 2026',
    );
    expect(periodWords({ from: '2026-03-01', to: '2026-03-17' }, '2026-03-17')).toBe(
      'This month: Sun, Mar 1 – Tue, Mar 17, 2026',
    );
    expect(periodWords({ from: '2026-03-02', to: '2026-03-06' }, '2026-03-17')).toBe(
      'From Mon, Mar 2 to Fri, Mar 6, 2026 (5 days)',
    );
    expect(periodWords({ from: '2026-03-02', to: '2026-03-02' }, '2026-03-17')).toBe(
      'Mon, Mar 2, 2026 (1 day)',
    );
  });

  it('says the choice the person made when two choices have the same days (the 7th, the 30th)', () => {
    // On Dec 7 "This month" is Dec 1–7, the same days as "Last 7 days"; on the 30th of a 30-day month
    // "This month" is the last 30 days.
    expect(periodWords({ from: '2026-12-01', to: '2026-12-07' }, '2026-12-07', 'this-month')).toBe(
      'This month: Tue, Dec 1 – Mon, Dec 7, 2026',
    );
    expect(periodWords({ from: '2026-12-01', to: '2026-12-07' }, '2026-12-07', 'last-7-days')).toBe(
      'Last 7 days: Tue, Dec 1 – Mon, Dec 7, 2026',
    );
    expect(choiceOf({ from: '2026-11-01', to: '2026-11-30' }, '2026-11-30', 'this-month')).toBe('this-month');
    expect(choiceOf({ from: '2026-11-01', to: '2026-11-30' }, '2026-11-30', 'last-30-days')).toBe(
      'last-30-days',
    );
    // A choice whose days these are not is not said.
    expect(choiceOf({ from: '2026-11-02', to: '2026-11-30' }, '2026-11-30', 'this-month')).toBe('custom');
  });
});
