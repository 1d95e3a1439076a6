import { stepName } from '../describe.ts';
import type { Rule } from '../types.ts';

export const selectWithoutOptions: Rule = {
  id: 'select-without-options',
  severity: 'error',
  description: 'A `select` form field with no options.',
  docs: {
    rationale:
      'Staff cannot answer a select with nothing to choose; if the field is required, the task cannot be completed.',
    incorrect: `{ "id": "visit-type", "label": "Visit type", "type": "select" }`,
    correct: `{ "id": "visit-type", "label": "Visit type", "type": "select", "options": ["In person", "Video"] }`,
  },
  check(ctx, report) {
    for (const { id, step } of ctx.ofKind('task')) {
      step.form?.forEach((field, i) => {
        if (field.type !== 'select' || (field.options?.length ?? 0) > 0) return;
        report({
          path: `steps.${id}.form.${i}`,
          step: id,
          message: `Select field "${field.id}" of task ${stepName(ctx.definition, id)} has no options`,
        });
      });
    }
  },
};
