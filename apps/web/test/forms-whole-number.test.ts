import type { FormField } from '@portalflow/engine';
import { describe, expect, it } from 'vitest';
import { readNumber } from '../src/forms/numberAnswer.ts';
import { readTypedNumbers } from '../src/forms/typedNumbers.ts';
import { checkForm, normalize } from '../src/work/form.ts';

/** A count (an age, months of a plan) is a whole number: the proxy form once took an age of 12.5. */
const age: FormField = {
  id: 'patientAge',
  label: "Patient's age today",
  type: 'number',
  required: true,
  min: 0,
  max: 120,
  whole: true,
};

describe('a whole number as typed', () => {
  it('reads whole numbers, grouped or not, and refuses a fraction with what to type', () => {
    expect(readNumber('12', false, true)).toEqual({ value: 12 });
    expect(readNumber('1,200', false, true)).toEqual({ value: 1200 });
    expect(readNumber('12.0', false, true)).toEqual({ value: 12 });
    expect(readNumber('12.5', false, true)).toEqual({ problem: 'must be a whole number, such as 12' });
    expect(readNumber('12.5', false)).toEqual({ value: 12.5 });
  });

  it('a step’s form refuses an age of 12.5 and sends nothing for it', () => {
    expect(normalize(age, '12.5')).toBe('12.5');
    expect(checkForm([age], { patientAge: '12.5' })).toEqual({
      patientAge: "Patient's age today must be a whole number, such as 12",
    });
    expect(checkForm([age], { patientAge: '12' })).toEqual({});
  });

  it('a practice card or tracking entry reads it the same way', () => {
    expect(readTypedNumbers([age], { patientAge: '12.5' }).errors).toEqual({
      patientAge: "Patient's age today must be a whole number, such as 12",
    });
  });
});
