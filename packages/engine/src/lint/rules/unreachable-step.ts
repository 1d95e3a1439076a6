import { stepName } from '../describe.ts';
import type { Rule } from '../types.ts';

export const unreachableStep: Rule = {
  id: 'unreachable-step',
  severity: 'error',
  description: 'A step that no path from `start` leads to.',
  docs: {
    rationale:
      'A box no instance can ever get to is usually a forgotten arrow: staff in that lane would never see the work the lead drew for them. Publishing it would document work that never happens, so it blocks publishing; a draft may still be saved with it while the arrow is drawn.',
    incorrect: `{ "start": "classify",
  "steps": { "classify": { "type": "task", "role": "front-desk", "title": "Classify", "outcomes": { "done": "closed" } },
             "admin-reply": { "type": "task", "role": "front-desk", "title": "Reply", "outcomes": { "replied": "closed" } },
             "closed": { "type": "end" } } }`,
    correct: `{ "start": "classify",
  "steps": { "classify": { "type": "task", "role": "front-desk", "title": "Classify", "outcomes": { "admin": "admin-reply" } },
             "admin-reply": { "type": "task", "role": "front-desk", "title": "Reply", "outcomes": { "replied": "closed" } },
             "closed": { "type": "end" } } }`,
  },
  check(ctx, report) {
    // With no valid start everything is unreachable; unknown-target reports the one real cause.
    if (!ctx.steps.has(ctx.definition.start)) return;
    for (const id of ctx.stepIds) {
      if (ctx.reachable.has(id)) continue;
      report({
        path: `steps.${id}`,
        step: id,
        message: `Step ${stepName(ctx.definition, id)} cannot be reached from the start ${stepName(ctx.definition, ctx.definition.start)}`,
      });
    }
  },
};
