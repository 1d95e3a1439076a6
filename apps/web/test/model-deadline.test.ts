import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEADLINE_UNITS,
  type DeadlineAmount,
  deadlineFromText,
  deadlineToIso,
  isoToDeadline,
} from '../src/model/deadline.ts';

describe('deadline entry: number + unit in the editor, ISO 8601 in the file', () => {
  it('writes each unit as the ISO duration the engine reads', () => {
    expect(deadlineToIso({ amount: 30, unit: 'minutes' })).toBe('PT30M');
    expect(deadlineToIso({ amount: 4, unit: 'hours' })).toBe('PT4H');
    expect(deadlineToIso({ amount: 2, unit: 'days' })).toBe('P2D');
    expect(deadlineToIso({ amount: 1, unit: 'weeks' })).toBe('P1W');
  });

  it('reads what the file holds back as number + unit', () => {
    expect(isoToDeadline('PT4H')).toEqual({ amount: 4, unit: 'hours' });
    expect(isoToDeadline('P2D')).toEqual({ amount: 2, unit: 'days' });
    expect(isoToDeadline('P3W')).toEqual({ amount: 3, unit: 'weeks' });
    expect(isoToDeadline('PT45M')).toEqual({ amount: 45, unit: 'minutes' });
    // Hours and minutes are exact on any clock, so they combine into minutes.
    expect(isoToDeadline('PT1H30M')).toEqual({ amount: 90, unit: 'minutes' });
  });

  it('does not pretend a duration it cannot show as one unit is something else', () => {
    // A business day is not 24 business hours: P1DT12H stays as written.
    expect(isoToDeadline('P1DT12H')).toBeNull();
    expect(isoToDeadline('P1M')).toBeNull();
    expect(isoToDeadline('PT30S')).toBeNull();
    expect(isoToDeadline('not a duration')).toBeNull();
  });

  it('round-trips every amount and unit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.constantFrom(...DEADLINE_UNITS),
        (amount, unit) => {
          const parts: DeadlineAmount = { amount, unit };
          expect(isoToDeadline(deadlineToIso(parts))).toEqual(parts);
        },
      ),
    );
  });

  it('checks typed amounts with a message for the inline error', () => {
    expect(deadlineFromText('4', 'hours')).toEqual({ ok: true, iso: 'PT4H' });
    expect(deadlineFromText(' 12 ', 'days')).toEqual({ ok: true, iso: 'P12D' });
    for (const bad of ['', '0', '-2', '1.5', 'abc', '2e3', '1000001']) {
      const result = deadlineFromText(bad, 'hours');
      expect(result.ok, bad).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/whole number/);
    }
  });
});
