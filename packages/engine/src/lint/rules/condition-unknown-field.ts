import { paths } from '../../expression/paths.ts';
import { conditions, knownFields } from '../conditions.ts';
import { fieldName } from '../describe.ts';
import { nearest } from '../near.ts';
import type { Rule } from '../types.ts';

export const conditionUnknownField: Rule = {
  id: 'condition-unknown-field',
  severity: 'error',
  description:
    'A decision branch that reads a field no task form asks for and the start form does not provide.',
  docs: {
    rationale:
      'Instance data holds only what the start form and the task forms write, so a field none of them declares (often a typo, or a field renamed since) is always empty: the branch reads it as missing on every request, and the decision quietly takes another way.',
    incorrect: `"when": "data.payerAnswr == 'Approved'"   // the form asks for "payerAnswer"`,
    correct: `"when": "data.payerAnswer == 'Approved'"`,
  },
  check(ctx, report) {
    const fields = knownFields(ctx);
    const keys = [...fields.keys()];
    for (const condition of conditions(ctx)) {
      const unknown = new Set<string>();
      for (const [key] of paths(condition.expr)) {
        if (key === undefined || fields.has(key) || unknown.has(key)) continue;
        unknown.add(key);
        const said = `${condition.name}: no form in this workflow asks for "${key}" and the start form does not provide it, so it is always empty`;
        const meant = nearest(key, keys);
        report({
          path: condition.path,
          step: condition.decision,
          edge: condition.edge,
          message:
            meant === undefined
              ? said
              : `${said}. Did you mean "${meant}" (${fieldName(fields.get(meant)!)})?`,
        });
      }
    }
  },
};
