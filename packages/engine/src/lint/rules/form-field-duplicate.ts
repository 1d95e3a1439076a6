import { stepName } from '../describe.ts';
import type { Rule } from '../types.ts';

export const formFieldDuplicate: Rule = {
  id: 'form-field-duplicate',
  severity: 'error',
  description: 'Two fields of one task form with the same id.',
  docs: {
    rationale:
      "A field id is the key its answer is saved under; two fields with one id overwrite each other's answers.",
    incorrect: `"form": [{ "id": "callback", "label": "Callback number", "type": "text" },
         { "id": "callback", "label": "Best time to call", "type": "text" }]`,
    correct: `"form": [{ "id": "callback-number", "label": "Callback number", "type": "text" },
         { "id": "callback-time", "label": "Best time to call", "type": "text" }]`,
  },
  check(ctx, report) {
    for (const { id, step } of ctx.ofKind('task')) {
      if (!step.form) continue;
      const first = new Map<string, number>();
      step.form.forEach((field, i) => {
        const seen = first.get(field.id);
        if (seen === undefined) first.set(field.id, i);
        else
          report({
            path: `steps.${id}.form.${i}.id`,
            step: id,
            message: `Task ${stepName(ctx.definition, id)} has two form fields with id "${field.id}" (also form.${seen})`,
          });
      });
    }
  },
};
