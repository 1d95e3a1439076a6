import { describe, expect, it } from 'vitest';
import type { Definition, FormField } from '../src/definition.ts';
import { lint } from '../src/lint/index.ts';

/**
 * An amount of money (`"money": true`) is kept to the cent, so are its bounds: a bound that splits a
 * cent says an amount no one can type. Said in the editor's problems list by the field's label.
 */
const withCopay = (copay: Record<string, unknown>): Definition =>
  ({
    id: 'copay-check',
    title: 'Copay check',
    roles: [{ id: 'front-desk', name: 'Front desk' }],
    start: 'collect',
    steps: {
      collect: {
        type: 'task',
        role: 'front-desk',
        title: 'Collect the copay',
        form: [{ id: 'copay', label: 'Copay', ...copay } as FormField],
        outcomes: { collected: 'done' },
      },
      done: { type: 'end', outcome: 'done' },
    },
  }) as Definition;

const found = (d: Definition) =>
  lint(d)
    .filter((f) => f.rule === 'invalid-field-range')
    .map((f) => ({ path: f.path, message: f.message }));

describe('an amount of money in the problems list', () => {
  it('takes bounds in whole cents', () => {
    expect(found(withCopay({ type: 'number', money: true, min: 0, max: 1250.4 }))).toEqual([]);
  });

  it('refuses a bound that splits a cent (findings in the order of their paths)', () => {
    expect(found(withCopay({ type: 'number', money: true, min: 0.005, max: 99.999 }))).toEqual([
      {
        path: 'steps.collect.form.0.max',
        message:
          'Field “Copay” of task “Collect the copay” is an amount of money; its largest amount, 99.999, splits a cent',
      },
      {
        path: 'steps.collect.form.0.min',
        message:
          'Field “Copay” of task “Collect the copay” is an amount of money; its smallest amount, 0.005, splits a cent',
      },
    ]);
  });

  it('names the field by its label when it is no number', () => {
    expect(found(withCopay({ type: 'text', money: true }))).toEqual([
      {
        path: 'steps.collect.form.0.money',
        message:
          'Field “Copay” of task “Collect the copay” is a text field; only number fields can be amounts of money',
      },
    ]);
  });
});

describe('a whole-number field in the problems list', () => {
  it('takes whole bounds', () => {
    expect(found(withCopay({ type: 'number', whole: true, min: 1, max: 90 }))).toEqual([]);
  });

  it('refuses a bound that is no whole number: the editor refuses it too, an imported draft is told here', () => {
    expect(found(withCopay({ type: 'number', whole: true, min: 2.5 }))).toEqual([
      {
        path: 'steps.collect.form.0.min',
        message:
          'Field “Copay” of task “Collect the copay” takes whole numbers only; its smallest answer, 2.5, is not one',
      },
    ]);
  });
});
