import { listSteps, stepName } from '../describe.ts';
import type { Rule } from '../types.ts';

export const automaticLoop: Rule = {
  id: 'automatic-loop',
  severity: 'error',
  description: 'A loop of decisions (or parallel steps with nothing to do) with no task or wait on it.',
  docs: {
    rationale:
      'Decisions only look at the data, and on such a loop nothing changes the data: an instance that takes the loop once takes it forever, without anyone seeing it. Put a task or a wait on the way back.',
    incorrect: `"check-insurance": { "type": "decision", "branches": [{ "when": "data.insured == true", "to": "book-visit" }],
                     "otherwise": "recheck" },
"recheck": { "type": "decision", "branches": [], "otherwise": "check-insurance" }`,
    correct: `"check-insurance": { "type": "decision", "branches": [{ "when": "data.insured == true", "to": "book-visit" }],
                     "otherwise": "ask-for-card" },
"ask-for-card": { "type": "task", "role": "front-desk", "title": "Ask for the insurance card",
                  "outcomes": { "received": "check-insurance" } }`,
  },
  check(ctx, report) {
    for (const loop of ctx.automaticCycles) {
      const first = loop[0]!;
      // A loop with no way out at all is cycle-without-exit's finding.
      if (!ctx.canReachEnd(first)) continue;
      const message =
        loop.length === 1
          ? `${stepName(ctx.definition, first)} can lead straight back to itself with no task or wait in between, so it would repeat forever`
          : `${listSteps(ctx.definition, loop)} loop with no task or wait in between; an instance that enters the loop repeats it forever`;
      report({ path: `steps.${first}`, step: first, message });
    }
  },
};
