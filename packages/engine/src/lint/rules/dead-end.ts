import { stepName } from '../describe.ts';
import type { Rule } from '../types.ts';

export const deadEnd: Rule = {
  id: 'dead-end',
  severity: 'error',
  description:
    'A step that is not an end step but has no way out: a task with no outcomes, a decision with no branches and no otherwise.',
  docs: {
    rationale:
      'An instance that reaches such a step is stuck for good: a task without outcomes cannot be completed, a decision with nowhere to go cannot decide.',
    incorrect: `"nurse-review": { "type": "task", "role": "nurse", "title": "Answer the message", "outcomes": {} }`,
    correct: `"nurse-review": { "type": "task", "role": "nurse", "title": "Answer the message", "outcomes": { "answered": "closed" } }`,
  },
  check(ctx, report) {
    for (const { id, step } of ctx.ofKind('task')) {
      if (Object.keys(step.outcomes).length > 0) continue;
      report({
        path: `steps.${id}`,
        step: id,
        message: `Task ${stepName(ctx.definition, id)} has no outcomes, so it can never be completed`,
      });
    }
    for (const { id, step } of ctx.ofKind('decision')) {
      if (step.branches.length > 0 || step.otherwise !== undefined) continue;
      report({
        path: `steps.${id}`,
        step: id,
        message: `Decision ${stepName(ctx.definition, id)} has no branches and no otherwise, so the workflow stops there`,
      });
    }
  },
};
