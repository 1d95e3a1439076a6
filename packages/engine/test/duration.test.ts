import { describe, expect, it } from 'vitest';
import { addWallDuration, durationMs, formatDuration, parseDuration } from '../src/duration.ts';
import { PortalflowError } from '../src/errors.ts';

const zero = { years: 0, months: 0, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: 0 };

describe('parseDuration', () => {
  it.each([
    ['PT4H', { hours: 4 }],
    ['P2D', { days: 2 }],
    ['P1DT12H', { days: 1, hours: 12 }],
    ['P18M', { months: 18 }],
    ['PT18M', { minutes: 18 }],
    ['P1W', { weeks: 1 }],
    ['P1Y2M3W4DT5H6M7S', { years: 1, months: 2, weeks: 3, days: 4, hours: 5, minutes: 6, seconds: 7 }],
    ['P0D', {}],
  ])('%s', (text, fields) => {
    expect(parseDuration(text)).toEqual({ ...zero, ...fields });
  });

  it.each(['', 'P', 'PT', 'P1DT', '4H', 'PT4h', 'P1.5D', 'P-1D', 'PT1H2', 'P1D2M', ' PT4H', 'P2000000D'])(
    'rejects %j naming the text',
    (text) => {
      let error: unknown;
      try {
        parseDuration(text);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(PortalflowError);
      expect((error as PortalflowError).code).toBe('DURATION_INVALID');
      expect((error as PortalflowError).message).toContain(`'${text}'`);
    },
  );

  it('measures the time part', () => {
    expect(durationMs(parseDuration('P3DT1H2M3S'))).toBe(3_723_000);
  });
});

describe('addWallDuration', () => {
  it.each([
    ['2026-03-02T08:00:00Z', 'PT4H', '2026-03-02T12:00:00.000Z'],
    ['2026-03-02T08:00:00.5Z', 'PT36H', '2026-03-03T20:00:00.500Z'],
    ['2026-03-06T16:00:00-07:00', 'P2D', '2026-03-08T23:00:00.000Z'],
    ['2026-03-02T08:00:00Z', 'P1W', '2026-03-09T08:00:00.000Z'],
    ['2026-08-31T09:30:00Z', 'P18M', '2028-02-29T09:30:00.000Z'],
    ['2027-01-31T00:00:00Z', 'P1M', '2027-02-28T00:00:00.000Z'],
    ['2028-01-31T00:00:00Z', 'P1M', '2028-02-29T00:00:00.000Z'],
    ['2028-02-29T12:00:00Z', 'P1Y', '2029-02-28T12:00:00.000Z'],
    ['2028-02-29T12:00:00Z', 'P4Y', '2032-02-29T12:00:00.000Z'],
    ['2026-12-31T23:00:00Z', 'P1MT2H', '2027-02-01T01:00:00.000Z'],
    ['2026-11-30T10:00:00Z', 'P3M1D', '2027-03-01T10:00:00.000Z'],
  ])('%s + %s = %s', (start, duration, expected) => {
    expect(addWallDuration(start, duration)).toBe(expected);
  });

  it('accepts a parsed duration', () => {
    expect(addWallDuration('2026-01-01T00:00:00Z', { ...zero, days: 1, minutes: 1 })).toBe(
      '2026-01-02T00:01:00.000Z',
    );
  });

  it('rejects instants without an offset or that are not dates', () => {
    for (const bad of ['2026-03-02T08:00:00', 'yesterday', '2026-02-30T00:00:00Z', '']) {
      expect(() => addWallDuration(bad, 'PT1H')).toThrow(PortalflowError);
    }
  });
});

describe('formatDuration', () => {
  it.each([
    ['P2D', true, '2 business days'],
    ['P1D', true, '1 business day'],
    ['PT4H', false, '4 h'],
    ['PT4H', true, '4 business hours'],
    ['P18M', false, '18 months'],
    ['P1Y', true, '1 year'],
    ['P1DT12H', false, '1 day 12 h'],
    ['PT1H30M', false, '1 h 30 min'],
    ['P1W', false, '1 week'],
    ['P2W', true, '2 business weeks'],
    ['P0D', false, '0 h'],
  ])('%s (business: %s) → %s', (text, business, expected) => {
    expect(formatDuration(text, business)).toBe(expected);
  });
});
