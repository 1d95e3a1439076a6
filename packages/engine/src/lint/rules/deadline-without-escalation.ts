import { stepName } from '../describe.ts';
import type { Rule } from '../types.ts';

export const deadlineWithoutEscalation: Rule = {
  id: 'deadline-without-escalation',
  severity: 'warning',
  description:
    'A deadline that neither escalates (`escalateTo`) nor moves on (`goTo`); an error when it has both.',
  docs: {
    rationale:
      'A deadline that does nothing when it passes gives a false sense that late work is handled. One with both escalateTo and goTo is ambiguous: the task cannot both move to another pool and be left.',
    incorrect: `"deadline": { "after": "PT4H" }`,
    correct: `"deadline": { "after": "PT4H", "escalateTo": "supervisor" }`,
  },
  check(ctx, report) {
    for (const { id, step } of [...ctx.ofKind('task'), ...ctx.ofKind('wait')]) {
      const deadline = step.deadline;
      if (!deadline) continue;
      const at = { path: `steps.${id}.deadline`, step: id };
      const escalates = deadline.escalateTo !== undefined;
      const moves = deadline.goTo !== undefined;
      if (escalates && moves) {
        report({
          ...at,
          severity: 'error',
          message: `The deadline of ${stepName(ctx.definition, id)} has both escalateTo and goTo; choose one`,
        });
      } else if (!escalates && !moves) {
        report({
          ...at,
          message: `The deadline of ${stepName(ctx.definition, id)} (after ${deadline.after}) does nothing when it passes; add escalateTo or goTo`,
        });
      }
    }
  },
};
