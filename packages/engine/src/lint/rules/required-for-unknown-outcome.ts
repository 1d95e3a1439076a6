import { stepName } from '../describe.ts';
import type { Rule } from '../types.ts';

export const requiredForUnknownOutcome: Rule = {
  id: 'required-for-unknown-outcome',
  severity: 'error',
  description:
    'A form field `requiredFor` an outcome its step does not have, or on a start form, which has no outcomes.',
  docs: {
    rationale:
      'A field required only for some outcomes is checked when staff finish the step with one of them. An outcome that is not the step’s (often one renamed since) means the field is never required where the author meant it to be; a start form is never finished with an outcome, so the field would never be required at all.',
    incorrect: `"outcomes": { "approved": "send", "denied": "explain" },
"form": [{ "id": "denialReason", "label": "Reason", "type": "text", "requiredFor": ["deny"] }]`,
    correct: `"outcomes": { "approved": "send", "denied": "explain" },
"form": [{ "id": "denialReason", "label": "Reason", "type": "text", "requiredFor": ["denied"] }]`,
  },
  check(ctx, report) {
    for (const { id, step } of ctx.ofKind('task')) {
      step.form?.forEach((field, i) => {
        const unknown = (field.requiredFor ?? []).filter((o) => !Object.hasOwn(step.outcomes, o));
        if (unknown.length === 0) return;
        const named = unknown.map((o) => `"${o}"`).join(', ');
        const which = unknown.length === 1 ? 'is not one of its outcomes' : 'are not among its outcomes';
        report({
          path: `steps.${id}.form.${i}.requiredFor`,
          step: id,
          message: `Field "${field.id}" of task ${stepName(ctx.definition, id)} is required for ${named}, which ${which} (${Object.keys(step.outcomes).join(', ')})`,
        });
      });
    }
    ctx.definition.intake?.form?.forEach((field, i) => {
      if (!field.requiredFor) return;
      report({
        path: `intake.form.${i}.requiredFor`,
        message: `Start-form field "${field.id}" is required only for some outcomes, but a start form has none: use "required": true, or leave it optional`,
      });
    });
  },
};
