import { fieldWriters } from '../../writes.ts';
import { fieldName, stepName } from '../describe.ts';
import type { Rule } from '../types.ts';

export const startFieldOwned: Rule = {
  id: 'start-field-owned',
  severity: 'warning',
  description:
    'A start-form field that a step owns (`"ownership": "owned"`), so start data can never set it.',
  docs: {
    rationale:
      'A field a step owns is written by that step alone: start data presetting it is refused (`FIELD_OWNED`), so every start form filled in with it would fail. Leave it to the step that owns it, or give the start form its own field for what the caller knows.',
    incorrect: `"intake": { …, "form": [{ "id": "needsPriorAuth", "label": "Prior auth needed", "type": "boolean" }] }
"review": { …, "form": [{ "id": "needsPriorAuth", …, "ownership": "owned" }] }`,
    correct: `"intake": { …, "form": [{ "id": "medication", "label": "Medication", "type": "text" }] }
"review": { …, "form": [{ "id": "needsPriorAuth", …, "ownership": "owned" }] }`,
  },
  check(ctx, report) {
    const form = ctx.definition.intake?.form ?? [];
    if (form.length === 0) return;
    const writers = fieldWriters(ctx.definition);
    form.forEach((field, index) => {
      const owner = writers.get(field.id)?.find((w) => w.field.ownership === 'owned');
      if (!owner) return;
      report({
        path: `intake.form.${index}.id`,
        message: `The start form asks for ${fieldName(field)}, which only ${stepName(ctx.definition, owner.step)} may save: every request started with it is refused. Remove it from the start form, or let the steps share it`,
      });
    });
  },
};
