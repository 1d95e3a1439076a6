import { describe, expect, it } from 'vitest';
import { type Definition, DefinitionSchema, FormFieldSchema } from '../src/definition.ts';
import { expectedAnswer } from '../src/form.ts';
import { lint } from '../src/lint/index.ts';
import { validateForm } from '../src/validate-form.ts';

/** A number that means a count (an age, months of a payment plan) is a whole number: 12, never 12.5. */
const age = { id: 'patientAge', label: "Patient's age today", type: 'number', min: 0, max: 120, whole: true };

describe('a whole-number field', () => {
  const field = FormFieldSchema.parse(age);

  it('takes whole numbers and refuses a fraction, saying what it takes', () => {
    expect(validateForm([field], { patientAge: 12 })).toEqual([]);
    expect(validateForm([field], { patientAge: 0 })).toEqual([]);
    expect(validateForm([field], { patientAge: 12.5 })).toEqual([
      { field: 'patientAge', message: "Patient's age today must be a whole number, such as 12" },
    ]);
  });

  it('says it takes a whole number where the form says what is expected', () => {
    expect(expectedAnswer(field)).toBe('a whole number from 0 to 120');
    expect(expectedAnswer({ ...field, min: undefined, max: undefined })).toBe('a whole number');
  });

  it('is a number field’s setting: lint reports it on text, or with money', () => {
    const definition = (extra: Record<string, unknown>): Definition =>
      DefinitionSchema.parse({
        id: 'proxy',
        title: 'Proxy',
        roles: [{ id: 'desk', name: 'Front desk' }],
        start: 'check',
        steps: {
          check: {
            type: 'task',
            role: 'desk',
            title: 'Check',
            help: 'Check the form.',
            outcomes: { done: 'end' },
            form: [{ id: 'count', label: 'Count', type: 'number', whole: true, ...extra }],
          },
          end: { type: 'end' },
        },
      });
    const ranges = (extra: Record<string, unknown>) =>
      lint(definition(extra))
        .filter((f) => f.rule === 'invalid-field-range')
        .map((f) => [f.path, f.message]);
    expect(ranges({})).toEqual([]);
    expect(ranges({ type: 'text' })).toEqual([
      [
        'steps.check.form.0.whole',
        'Field “Count” of task “Check” is a text field; only number fields can take whole numbers only',
      ],
    ]);
    expect(ranges({ money: true })).toEqual([
      [
        'steps.check.form.0.whole',
        'Field “Count” of task “Check” is an amount of money, kept to the cent; it cannot also take whole numbers only',
      ],
    ]);
  });
});
