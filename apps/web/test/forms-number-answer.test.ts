import { describe, expect, it } from 'vitest';
import { readNumber, showNumber } from '../src/forms/numberAnswer.ts';

/**
 * Numbers as staff type them into a step's form. A comma only ever groups thousands: read as a
 * decimal point, `1,250.40` became 1.2504 and a balance was saved a thousand times too small.
 */
describe('an amount of money as typed', () => {
  const read = (text: string) => readNumber(text, true);

  it('reads thousands, a dollar sign and cents as the amount on the statement', () => {
    for (const text of ['1,250.40', '$1,250.40', '1250.40', '1250.4', ' $1,250.40 ', '$ 1,250.40'])
      expect(read(text), text).toEqual({ value: 1250.4 });
    expect(read('35')).toEqual({ value: 35 });
    expect(read('.50')).toEqual({ value: 0.5 });
    expect(read('1,000,000')).toEqual({ value: 1_000_000 });
  });

  it('reads a credit with its minus sign before or after the dollar sign', () => {
    for (const text of ['-75', '-$75.00', '$-75', '−75']) expect(read(text), text).toEqual({ value: -75 });
  });

  it('refuses a comma that does not group thousands, instead of guessing what was meant', () => {
    for (const text of ['12,50', '1,25', '1,250,4', '12,5000', '1,,250'])
      expect(read(text), text).toEqual({
        problem:
          'has a comma out of place: commas only group thousands, and cents go after a point, as in 1,250.40',
      });
  });

  it('refuses a fraction of a cent, and anything that is not an amount', () => {
    expect(read('1,250.404')).toEqual({ problem: 'must be in dollars and cents, such as 1,250.40' });
    for (const text of ['abc', '1.2.3', '1e3', '$', '-', '12 50', '(75.00)', '--75', '75-'])
      expect(read(text), text).toEqual({ problem: 'must be an amount such as 1,250.40' });
  });

  it('is nothing at all when left empty', () => {
    expect(read('')).toBeUndefined();
    expect(read('   ')).toBeUndefined();
  });

  it('is shown as on a statement: a dollar sign, thousands and two decimals', () => {
    expect(showNumber(1250.4, true)).toBe('$1,250.40');
    expect(showNumber(-75, true)).toBe('-$75.00');
    expect(showNumber(0, true)).toBe('$0.00');
  });
});

describe('a plain number as typed', () => {
  const read = (text: string) => readNumber(text, false);

  it('reads thousands and decimals', () => {
    expect(read('1,200')).toEqual({ value: 1200 });
    expect(read('2.5')).toEqual({ value: 2.5 });
    expect(read('-3')).toEqual({ value: -3 });
  });

  it('refuses a decimal comma and a dollar sign', () => {
    expect(read('12,5')).toEqual({
      problem: 'has a comma out of place: commas only group thousands, as in 1,250',
    });
    expect(read('$5')).toEqual({ problem: 'must be a number' });
  });

  it('is shown with its thousands and every decimal typed', () => {
    expect(showNumber(1250.4, false)).toBe('1,250.4');
    expect(showNumber(1.2504, false)).toBe('1.2504');
  });
});
