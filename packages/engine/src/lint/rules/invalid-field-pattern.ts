import { compilePattern } from '../../field-pattern.ts';
import { allFields } from '../form-fields.ts';
import type { Rule } from '../types.ts';

export const invalidFieldPattern: Rule = {
  id: 'invalid-field-pattern',
  severity: 'error',
  description:
    'A form field `pattern` that is not a regular expression RE2 accepts, or a pattern on a field that is not one-line text.',
  docs: {
    rationale:
      'Answers are checked against the pattern with RE2, which matches in time linear in the answer; it has no backreferences or lookarounds, the features that let one answer stall a backtracking engine. Its cost per character grows with the pattern, so a pattern is held to a size RE2 checks in a few milliseconds. A pattern it cannot read, or one too large, would check nothing; and only one-line text answers (codes, numbers, references) are matched against one.',
    incorrect: `{ "id": "patient", "label": "Patient reference", "type": "text", "pattern": "([A-Z]+-\\\\d+" }`,
    correct: `{ "id": "patient", "label": "Patient reference", "type": "text", "pattern": "[A-Z]+-\\\\d+" }`,
  },
  check(ctx, report) {
    for (const { field, path, step, form } of allFields(ctx)) {
      if (field.pattern === undefined) continue;
      if (field.type !== 'text') {
        report({
          path: `${path}.pattern`,
          step,
          message: `Field "${field.id}" of ${form} is a ${field.type} field; only one-line text fields can have a pattern`,
        });
        continue;
      }
      const compiled = compilePattern(field.pattern);
      if (compiled.ok) continue;
      report({
        path: `${path}.pattern`,
        step,
        message: `The pattern of field "${field.id}" of ${form} is not one RE2 can use: ${compiled.reason}`,
      });
    }
  },
};
