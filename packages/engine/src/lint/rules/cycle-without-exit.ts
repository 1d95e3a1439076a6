import { listSteps, stepName } from '../describe.ts';
import type { Rule } from '../types.ts';

export const cycleWithoutExit: Rule = {
  id: 'cycle-without-exit',
  severity: 'error',
  description: 'A loop of steps from which no end step can be reached.',
  docs: {
    rationale:
      'Rework loops are normal (review, fix, review again), but a loop with no outcome leading out keeps an instance, and the people working it, going round forever.',
    incorrect: `"review": { "type": "task", "role": "nurse", "title": "Review", "outcomes": { "needs-fix": "fix" } },
"fix": { "type": "task", "role": "front-desk", "title": "Fix", "outcomes": { "fixed": "review" } }`,
    correct: `"review": { "type": "task", "role": "nurse", "title": "Review", "outcomes": { "needs-fix": "fix", "approved": "closed" } },
"fix": { "type": "task", "role": "front-desk", "title": "Fix", "outcomes": { "fixed": "review" } }`,
  },
  check(ctx, report) {
    for (const cycle of ctx.cycles) {
      const first = cycle[0]!;
      // Members of a strongly connected set reach the same steps, so one member answers for all.
      if (ctx.canReachEnd(first)) continue;
      const message =
        cycle.length === 1
          ? `Step ${stepName(ctx.definition, first)} loops back to itself with no way on to an end step`
          : `${listSteps(ctx.definition, cycle)} form a loop with no way out to an end step`;
      report({ path: `steps.${first}`, step: first, message });
    }
  },
};
