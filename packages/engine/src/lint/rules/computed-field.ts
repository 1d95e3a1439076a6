import { fieldName } from '../describe.ts';
import { allFields } from '../form-fields.ts';
import type { Rule } from '../types.ts';

export const computedField: Rule = {
  id: 'computed-field',
  severity: 'error',
  description:
    'A computed field (`computed`) that is not a number, is required, is on the start form, or is worked out from something that is not a date field of the same form.',
  docs: {
    rationale:
      'A computed field is worked out when the step is finished, from an answer given with it (the months since a last visit, from that visit’s date): it must be a number, from a date of the same form, and nobody can be asked for it, so it cannot be required. A start form is not finished by a step, so nothing is worked out there.',
    incorrect: `{ "id": "monthsSinceLastVisit", "label": "Months since last visit", "type": "number", "requiredFor": ["prepared"], "computed": { "monthsSince": "lastVisit" } }`,
    correct: `{ "id": "lastVisitDate", "label": "Last visit", "type": "date", "requiredFor": ["prepared"] },
{ "id": "monthsSinceLastVisit", "label": "Months since last visit", "type": "number", "computed": { "monthsSince": "lastVisitDate" } }`,
  },
  check(ctx, report) {
    for (const { field, path, step, form } of allFields(ctx)) {
      if (field.computed === undefined) continue;
      const named = `Field ${fieldName(field)} of ${form}`;
      if (step === undefined) {
        report({
          path: `${path}.computed`,
          message: `${named} is worked out, but a start form is not finished by a step: nothing is worked out there`,
        });
        continue;
      }
      if (field.type !== 'number')
        report({
          path: `${path}.type`,
          step,
          message: `${named} is a ${field.type} field; only number fields can be worked out`,
        });
      if (field.required || field.requiredFor)
        report({
          path: `${path}.${field.required ? 'required' : 'requiredFor'}`,
          step,
          message: `${named} is worked out, never answered: it cannot be required`,
        });
      const sourceId = field.computed.monthsSince;
      const task = ctx.definition.steps[step];
      const source = (task?.type === 'task' ? (task.form ?? []) : []).find((f) => f.id === sourceId);
      if (!source)
        report({
          path: `${path}.computed.monthsSince`,
          step,
          message: `${named} is worked out from "${sourceId}", which is not a field of the same form`,
        });
      else if (source.type !== 'date')
        report({
          path: `${path}.computed.monthsSince`,
          step,
          message: `${named} is worked out from ${fieldName(source)}, a ${source.type} field; months are counted from a date`,
        });
    }
  },
};
