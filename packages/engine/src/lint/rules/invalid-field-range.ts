import { isWholeCents } from '../../money.ts';
import { fieldName } from '../describe.ts';
import { allFields } from '../form-fields.ts';
import type { Rule } from '../types.ts';

export const invalidFieldRange: Rule = {
  id: 'invalid-field-range',
  severity: 'error',
  description:
    'A number field whose `min` is above its `max` or, for money, splits a cent (for whole numbers, is no whole number); a `min`, `max`, `money` or `whole` on a field that is not a number (or `whole` with `money`), or a `dateRange` on one that is not a date.',
  docs: {
    rationale:
      'A range no answer fits makes the field impossible to fill in, so a required one blocks the step, and an amount is typed and kept to the cent, so a bound between two cents is one no one can type (likewise a bound between two whole numbers for a count); only number answers are compared with a bound or kept to the cent, only dates with today.',
    incorrect: `{ "id": "days", "label": "Days supply", "type": "number", "min": 90, "max": 30 }`,
    correct: `{ "id": "days", "label": "Days supply", "type": "number", "min": 30, "max": 90 }`,
  },
  check(ctx, report) {
    for (const { field, path, step, form } of allFields(ctx)) {
      if (field.dateRange !== undefined && field.type !== 'date')
        report({
          path: `${path}.dateRange`,
          step,
          message: `Field "${field.id}" of ${form} is a ${field.type} field; only date fields can be limited to the past or the future`,
        });
      if (field.money !== undefined && field.type !== 'number')
        report({
          path: `${path}.money`,
          step,
          message: `Field ${fieldName(field)} of ${form} is a ${field.type} field; only number fields can be amounts of money`,
        });
      if (field.whole && field.type !== 'number')
        report({
          path: `${path}.whole`,
          step,
          message: `Field ${fieldName(field)} of ${form} is a ${field.type} field; only number fields can take whole numbers only`,
        });
      else if (field.whole && field.money)
        report({
          path: `${path}.whole`,
          step,
          message: `Field ${fieldName(field)} of ${form} is an amount of money, kept to the cent; it cannot also take whole numbers only`,
        });
      // Amounts are typed and kept to the cent: a bound between two cents is one no one can type.
      if (field.money && field.type === 'number')
        for (const [key, bound, value] of [
          ['min', 'smallest', field.min],
          ['max', 'largest', field.max],
        ] as const)
          if (value !== undefined && !isWholeCents(value))
            report({
              path: `${path}.${key}`,
              step,
              message: `Field ${fieldName(field)} of ${form} is an amount of money; its ${bound} amount, ${value}, splits a cent`,
            });
      // A count's bound is a count too: the editor refuses 2.5 there, a draft imported as JSON is told here.
      if (field.whole && !field.money && field.type === 'number')
        for (const [key, bound, value] of [
          ['min', 'smallest', field.min],
          ['max', 'largest', field.max],
        ] as const)
          if (value !== undefined && !Number.isInteger(value))
            report({
              path: `${path}.${key}`,
              step,
              message: `Field ${fieldName(field)} of ${form} takes whole numbers only; its ${bound} answer, ${value}, is not one`,
            });
      if (field.min === undefined && field.max === undefined) continue;
      if (field.type !== 'number') {
        report({
          path: `${path}.${field.min !== undefined ? 'min' : 'max'}`,
          step,
          message: `Field "${field.id}" of ${form} is a ${field.type} field; only number fields can have a minimum or maximum`,
        });
      } else if (field.min !== undefined && field.max !== undefined && field.min > field.max) {
        report({
          path: `${path}.min`,
          step,
          message: `Field "${field.id}" of ${form} has a minimum of ${field.min}, above its maximum of ${field.max}: no answer fits`,
        });
      }
    }
  },
};
