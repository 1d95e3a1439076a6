import { pointerProblem } from '../../json-pointer.ts';
import type { Rule } from '../types.ts';

export const intakeBadPointer: Rule = {
  id: 'intake-bad-pointer',
  severity: 'error',
  description:
    'A webhook or FHIR intake mapping whose JSON pointer is not one (RFC 6901), or points at the whole message.',
  docs: {
    rationale:
      'A pointer that cannot be read never finds its value, so every message from the portal or the EHR would be refused as missing that field; a pointer at the whole message would copy it all into the instance data.',
    incorrect: `"webhook": { "fields": { "medication": "medication.name" } }`,
    correct: `"webhook": { "fields": { "medication": "/medication/name" } }`,
  },
  check(ctx, report) {
    for (const channel of ['webhook', 'fhir'] as const) {
      const fields = ctx.definition.intake?.[channel]?.fields ?? {};
      for (const [field, pointer] of Object.entries(fields)) {
        const problem = pointerProblem(pointer);
        if (problem === null) continue;
        report({
          path: `intake.${channel}.fields.${field}`,
          message: `The ${channel} mapping of "${field}" is not a JSON pointer: "${pointer}" ${problem}`,
        });
      }
    }
  },
};
