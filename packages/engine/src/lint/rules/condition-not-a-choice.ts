import type { FormField } from '../../definition.ts';
import type { LiteralValue } from '../../expression/ast.ts';
import { printLiteral } from '../../expression/print.ts';
import { comparisons, conditions, knownFields } from '../conditions.ts';
import { fieldName, listIds } from '../describe.ts';
import { nearest } from '../near.ts';
import type { Rule } from '../types.ts';

export const conditionNotAChoice: Rule = {
  id: 'condition-not-a-choice',
  severity: 'error',
  description:
    'A decision branch that compares a field with choices (a `select`, or a yes/no `boolean`) with a value that is not one of them.',
  docs: {
    rationale:
      'A condition compares exactly: "approved" is not the choice "Approved", so `data.payerAnswer == "approved"` never holds and every approval would take the other way. Staff can only give one of the choices, so a value that is none of them is always a mistake; the message lists the choices and, when only the case or the spelling is off, the one that was meant.',
    incorrect: `"when": "data.payerAnswer == 'approved'"   // choices "Approved" and "Denied"`,
    correct: `"when": "data.payerAnswer == 'Approved'"`,
  },
  check(ctx, report) {
    const fields = knownFields(ctx);
    for (const condition of conditions(ctx)) {
      for (const { field: key, values } of comparisons(condition.expr)) {
        const field = fields.get(key);
        if (!field) continue;
        for (const value of values) {
          const problem = notAChoice(field, value);
          if (problem)
            report({
              path: condition.path,
              step: condition.decision,
              edge: condition.edge,
              message: `${condition.name}: ${problem}`,
            });
        }
      }
    }
  },
};

/** What is wrong with comparing the field with the value, or undefined when staff could give it. */
function notAChoice(field: FormField, value: LiteralValue): string | undefined {
  if (value === null) return undefined;
  const shown = typeof value === 'string' ? `"${value}"` : printLiteral(value);
  if (field.type === 'boolean') {
    if (typeof value === 'boolean') return undefined;
    return `${fieldName(field)} is a yes/no answer, never ${shown}; compare it with true or false`;
  }
  if (field.type !== 'select' || !field.options?.length) return undefined;
  if (typeof value === 'string' && field.options.includes(value)) return undefined;
  const said = `${fieldName(field)} is never ${shown}; its choices are ${listIds(field.options, 8)}`;
  const meant = typeof value === 'string' ? nearest(value, field.options) : undefined;
  return meant === undefined ? said : `${said}. Did you mean "${meant}"?`;
}
