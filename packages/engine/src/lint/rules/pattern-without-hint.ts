import { allFields } from '../form-fields.ts';
import type { Rule } from '../types.ts';

export const patternWithoutHint: Rule = {
  id: 'pattern-without-hint',
  severity: 'warning',
  description: 'A text field with a `pattern` but no `patternHint` saying what a right answer looks like.',
  docs: {
    rationale:
      'Someone whose answer does not match is told what is wrong with it. Without a hint they read only that it is “not in the form this workflow expects”, and nobody at a front desk can read a regular expression.',
    incorrect: `{ "id": "patient", "type": "text", "pattern": "[A-Z]+-[0-9]+" }`,
    correct: `{ "id": "patient", "type": "text", "pattern": "[A-Z]+-[0-9]+", "patternHint": "a chart number such as DEMO-5001" }`,
  },
  check(ctx, report) {
    for (const { field, path, step, form } of allFields(ctx)) {
      if (field.pattern === undefined || field.patternHint !== undefined) continue;
      if (field.type !== 'text') continue;
      report({
        path: `${path}.pattern`,
        step,
        message: `Field "${field.id}" of ${form} has a pattern but no hint: staff with a wrong answer will not be told what a right one looks like`,
      });
    }
  },
};
