import { stepName } from '../describe.ts';
import type { Rule } from '../types.ts';

export const taskWithoutRole: Rule = {
  id: 'task-without-role',
  severity: 'error',
  description: 'A task that no role owns.',
  docs: {
    rationale:
      'Every task sits in exactly one lane; a task without a role would appear in nobody\'s "My work" queue.',
    incorrect: `"admin-reply": { "type": "task", "title": "Reply to admin request", "outcomes": { "replied": "closed" } }`,
    correct: `"admin-reply": { "type": "task", "role": "front-desk", "title": "Reply to admin request", "outcomes": { "replied": "closed" } }`,
  },
  check(ctx, report) {
    for (const { id, step } of ctx.ofKind('task')) {
      if (step.role !== undefined) continue;
      report({
        path: `steps.${id}`,
        step: id,
        message: `Task ${stepName(ctx.definition, id)} has no role, so no one's queue would show it`,
      });
    }
  },
};
