import { describe, expect, it } from 'vitest';
import { readTypedNumbers } from '../src/forms/typedNumbers.ts';

/**
 * Forms that are not checked by the engine (a practice run's task card, a tracking entry) read the
 * numbers typed into them with the same reader as a step's form: a comma only groups thousands.
 */
describe('numbers typed into a form, read before it is sent', () => {
  const fields = [
    { id: 'balance', label: 'Patient balance', type: 'number', money: true },
    { id: 'hours', label: 'Hours', type: 'number' },
    { id: 'site', label: 'Site', type: 'text' },
  ] as const;

  it('turns the text typed into the number meant, and leaves other answers as they are', () => {
    expect(readTypedNumbers(fields, { balance: '$1,250.40', hours: '1,000', site: '1,5' })).toEqual({
      values: { balance: 1250.4, hours: 1000, site: '1,5' },
      errors: {},
    });
    expect(readTypedNumbers(fields, { balance: 35, hours: '  ' })).toEqual({
      values: { balance: 35 },
      errors: {},
    });
  });

  it('says what is wrong with a number it cannot read, after the field’s label, as a step’s form does', () => {
    expect(readTypedNumbers(fields, { balance: '12,50', hours: '1,5' }).errors).toEqual({
      balance:
        'Patient balance has a comma out of place: commas only group thousands, and cents go after a point, as in 1,250.40',
      hours: 'Hours has a comma out of place: commas only group thousands, as in 1,250',
    });
    expect(readTypedNumbers(fields, { hours: 'four' }).errors).toEqual({ hours: 'Hours must be a number' });
  });
});
