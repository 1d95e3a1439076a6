import { stepName } from '../describe.ts';
import type { Rule } from '../types.ts';

export const waitWithoutTrigger: Rule = {
  id: 'wait-without-trigger',
  severity: 'error',
  description: 'A wait with neither a `signal` nor a `for` duration; a warning when it has both.',
  docs: {
    rationale:
      'A wait with nothing to wait for never ends. One with both a signal and a duration moves on at whichever comes first, which the diagram does not show; wait for the signal and put the time limit in a deadline with goTo.',
    incorrect: `"await-reply": { "type": "wait", "next": "nurse-review" }`,
    correct: `"await-reply": { "type": "wait", "signal": "patient-replied", "next": "nurse-review",
                 "deadline": { "after": "P3D", "goTo": "call-patient" } }`,
  },
  check(ctx, report) {
    for (const { id, step } of ctx.ofKind('wait')) {
      const at = { path: `steps.${id}`, step: id };
      if (step.signal === undefined && step.for === undefined) {
        report({
          ...at,
          message: `Wait ${stepName(ctx.definition, id)} has neither a signal nor a duration, so it would wait forever`,
        });
      } else if (step.signal !== undefined && step.for !== undefined) {
        report({
          ...at,
          severity: 'warning',
          message: `Wait ${stepName(ctx.definition, id)} has both a signal and a duration and moves on at whichever comes first; for a time limit on a signal, a deadline with goTo says so plainly`,
        });
      }
    }
  },
};
