import { stepName } from '../describe.ts';
import type { Rule } from '../types.ts';

export const decisionWithoutOtherwise: Rule = {
  id: 'decision-without-otherwise',
  severity: 'error',
  description: 'A decision with branches but no `otherwise` for when none of them holds.',
  docs: {
    rationale:
      'Data is never quite what the lead expected; without an otherwise, an instance whose data matches no branch stops at the decision.',
    incorrect: `"is-urgent": { "type": "decision", "branches": [{ "when": "data.urgent == true", "to": "call-patient" }] }`,
    correct: `"is-urgent": { "type": "decision", "branches": [{ "when": "data.urgent == true", "to": "call-patient" }],
               "otherwise": "nurse-review" }`,
  },
  check(ctx, report) {
    for (const { id, step } of ctx.ofKind('decision')) {
      // With no branches either, dead-end already reports the step.
      if (step.otherwise !== undefined || step.branches.length === 0) continue;
      report({
        path: `steps.${id}`,
        step: id,
        message: `Decision ${stepName(ctx.definition, id)} has no otherwise; when no branch holds, the instance is stuck`,
      });
    }
  },
};
