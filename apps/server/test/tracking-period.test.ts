import { describe, expect, it } from 'vitest';
import { localDay, period } from '../src/tracking/period.ts';

describe('tracking period', () => {
  it('turns clinic-local days into instants, across the spring-forward day', () => {
    const p = period('2026-03-07', '2026-03-09', 'America/Denver');
    expect(p.days.map((d) => [d.day, d.start, d.end])).toEqual([
      ['2026-03-07', '2026-03-07T07:00:00.000Z', '2026-03-08T07:00:00.000Z'],
      ['2026-03-08', '2026-03-08T07:00:00.000Z', '2026-03-09T06:00:00.000Z'], // 23 hours
      ['2026-03-09', '2026-03-09T06:00:00.000Z', '2026-03-10T06:00:00.000Z'],
    ]);
    expect([p.start, p.end]).toEqual(['2026-03-07T07:00:00.000Z', '2026-03-10T06:00:00.000Z']);
  });

  it('names the local day of an instant', () => {
    expect(localDay('2026-03-10T05:59:00.000Z', 'America/Denver')).toBe('2026-03-09');
    expect(localDay('2026-03-10T06:00:00.000Z', 'America/Denver')).toBe('2026-03-10');
  });

  it('refuses impossible dates, reversed and overlong periods', () => {
    expect(() => period('2026-02-30', '2026-03-01', 'UTC')).toThrow(/not a date/);
    expect(() => period('2026-03-02', '2026-03-01', 'UTC')).toThrow(/after/);
    expect(() => period('2025-01-01', '2026-12-31', 'UTC')).toThrow(/at most/);
  });
});
