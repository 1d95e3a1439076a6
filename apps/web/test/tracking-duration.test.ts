import { describe, expect, it } from 'vitest';
import { axisDuration, columnHeading, hoursAsDuration } from '../src/tracking/duration.ts';

describe('time to complete on the tracking sheet', () => {
  it('reads as minutes, hours and days, not decimal hours ("0.67 h")', () => {
    expect(hoursAsDuration(0.67)).toBe('40 min');
    expect(hoursAsDuration(0)).toBe('0 min');
    expect(hoursAsDuration(0.004)).toBe('under 1 min');
    expect(hoursAsDuration(1)).toBe('1 h');
    expect(hoursAsDuration(2.25)).toBe('2 h 15 min');
    expect(hoursAsDuration(23.99)).toBe('23 h 59 min');
    expect(hoursAsDuration(24)).toBe('1 d');
    expect(hoursAsDuration(45.5)).toBe('1 d 22 h');
    expect(hoursAsDuration(240)).toBe('10 d');
  });

  it('an empty cell stays empty, and an hours column loses its unit in the heading', () => {
    expect(hoursAsDuration('')).toBe('');
    expect(columnHeading({ key: 'medianHours', label: 'Median (h)', numeric: true, unit: 'hours' })).toBe(
      'Median',
    );
    expect(columnHeading({ key: 'completed', label: 'Completed', numeric: true })).toBe('Completed');
  });

  it("the time chart's scale says the same words, its zero a plain 0", () => {
    expect([0, 0.25, 0.5, 0.75, 1].map(axisDuration)).toEqual(['0', '15 min', '30 min', '45 min', '1 h']);
    expect([0, 12, 24, 36, 48].map(axisDuration)).toEqual(['0', '12 h', '1 d', '1 d 12 h', '2 d']);
  });
});
