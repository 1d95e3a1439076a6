import { parseDuration, roughDurationMs } from '../../duration.ts';
import { stepName } from '../describe.ts';
import type { Rule } from '../types.ts';

/** Whether the text is a duration the engine can use (`invalid-duration` reports the others). */
function usable(iso: string): boolean {
  try {
    parseDuration(iso);
    return true;
  } catch {
    return false;
  }
}

export const warningNotBeforeDeadline: Rule = {
  id: 'warning-not-before-deadline',
  severity: 'warning',
  description:
    'A deadline whose due-soon warning (`warnBefore`) is as long as the deadline itself, or is on a wait that nobody holds.',
  docs: {
    rationale:
      'The holder of a task is reminded `warnBefore` ahead of its deadline. A warning as long as the deadline comes the moment the task is taken, which tells them nothing; a wait is held by nobody, so its warning is never given.',
    incorrect: `"deadline": { "after": "P1D", "warnBefore": "P2D", "escalateTo": "supervisor" }`,
    correct: `"deadline": { "after": "P3D", "warnBefore": "P1D", "escalateTo": "supervisor" }`,
  },
  check(ctx, report) {
    for (const { id, step } of ctx.ofKind('task')) {
      const deadline = step.deadline;
      if (!deadline?.warnBefore || !usable(deadline.warnBefore) || !usable(deadline.after)) continue;
      if (roughDurationMs(deadline.warnBefore) < roughDurationMs(deadline.after)) continue;
      report({
        path: `steps.${id}.deadline.warnBefore`,
        step: id,
        message: `The due-soon warning of ${stepName(ctx.definition, id)} (${deadline.warnBefore}) is not shorter than its deadline (${deadline.after}); warn a shorter time before it`,
      });
    }
    for (const { id, step } of ctx.ofKind('wait')) {
      if (!step.deadline?.warnBefore) continue;
      report({
        path: `steps.${id}.deadline.warnBefore`,
        step: id,
        message: `${stepName(ctx.definition, id)} is a wait, which nobody holds: its due-soon warning is never given`,
      });
    }
  },
};
