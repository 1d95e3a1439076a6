import { parseDuration } from '../../duration.ts';
import { stepName } from '../describe.ts';
import type { Rule } from '../types.ts';

export const invalidDuration: Rule = {
  id: 'invalid-duration',
  severity: 'error',
  description:
    'A deadline `after` or `warnBefore`, or a wait `for`, that the engine cannot use as a duration (for example a field over 1,000,000).',
  docs: {
    rationale:
      'The schema checks the shape of a duration; the engine also bounds its size so timers stay exact. A duration it rejects would fail when the step opens, not when the lead saves.',
    incorrect: `"deadline": { "after": "P9999999D", "escalateTo": "supervisor" }`,
    correct: `"deadline": { "after": "P2D", "escalateTo": "supervisor" }`,
  },
  check(ctx, report) {
    const checkOne = (id: string, path: string, iso: string, what: string): void => {
      try {
        parseDuration(iso);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        report({ path, step: id, message: `${what} ${stepName(ctx.definition, id)}: ${reason}` });
      }
    };
    for (const { id, step } of [...ctx.ofKind('task'), ...ctx.ofKind('wait')]) {
      if (step.deadline) checkOne(id, `steps.${id}.deadline.after`, step.deadline.after, 'The deadline of');
      if (step.deadline?.warnBefore)
        checkOne(id, `steps.${id}.deadline.warnBefore`, step.deadline.warnBefore, 'The due-soon warning of');
    }
    for (const { id, step } of ctx.ofKind('wait')) {
      if (step.for !== undefined) checkOne(id, `steps.${id}.for`, step.for, 'How long to wait at');
    }
  },
};
