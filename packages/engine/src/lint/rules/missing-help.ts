import { stepName } from '../describe.ts';
import type { Rule } from '../types.ts';

export const missingHelp: Rule = {
  id: 'missing-help',
  severity: 'info',
  description: 'A task without help text.',
  docs: {
    rationale:
      'Portal staff need short help where they work, at any hour; a line on what each outcome means saves a call to the supervisor.',
    incorrect: `"classify": { "type": "task", "role": "front-desk", "title": "Classify the message", "outcomes": { ... } }`,
    correct: `"classify": { "type": "task", "role": "front-desk", "title": "Classify the message", "outcomes": { ... },
              "help": "Clinical: symptoms, medications, results. Admin: scheduling, billing, forms." }`,
  },
  check(ctx, report) {
    for (const { id, step } of ctx.ofKind('task')) {
      if (step.help !== undefined && step.help.trim() !== '') continue;
      report({
        path: `steps.${id}`,
        step: id,
        message: `Task ${stepName(ctx.definition, id)} has no help text for the staff who work it`,
      });
    }
  },
};
