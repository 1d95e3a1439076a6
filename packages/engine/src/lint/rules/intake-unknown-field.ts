import type { Rule } from '../types.ts';

export const intakeUnknownField: Rule = {
  id: 'intake-unknown-field',
  severity: 'error',
  description: 'A webhook or FHIR intake mapping that fills a field the start form does not declare.',
  docs: {
    rationale:
      'Messages from other systems are validated exactly like the start form, which refuses any field it does not declare: a mapping to a missing field (often a typo) would make every message fail.',
    incorrect: `"fhir": { …, "fields": { "mesage": "/payload/0/contentString" } }  (the start form declares "message")`,
    correct: `"fhir": { …, "fields": { "message": "/payload/0/contentString" } }`,
  },
  check(ctx, report) {
    const intake = ctx.definition.intake;
    if (!intake) return;
    const declared = new Set((intake.form ?? []).map((f) => f.id));
    for (const channel of ['webhook', 'fhir'] as const) {
      for (const field of Object.keys(intake[channel]?.fields ?? {})) {
        if (declared.has(field)) continue;
        report({
          path: `intake.${channel}.fields.${field}`,
          message: `The ${channel} mapping fills "${field}", which the start form does not declare`,
        });
      }
    }
  },
};
