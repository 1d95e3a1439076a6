import { roleNameIn } from '../../handbook/describe.ts';
import type { Rule } from '../types.ts';

export const duplicateTaskTitle: Rule = {
  id: 'duplicate-task-title',
  severity: 'warning',
  description: 'Two tasks in the same lane with the same title (ignoring case and surrounding spaces).',
  docs: {
    rationale:
      'Staff pick work from their queue by title; two identical titles in one lane make them guess which step they are completing.',
    incorrect: `"call-patient": { "type": "task", "role": "nurse", "title": "Call the patient", ... },
"call-back": { "type": "task", "role": "nurse", "title": "call the patient ", ... }`,
    correct: `"call-patient": { "type": "task", "role": "nurse", "title": "Call the patient today", ... },
"call-back": { "type": "task", "role": "nurse", "title": "Call back with results", ... }`,
  },
  check(ctx, report) {
    const first = new Map<string, string>();
    for (const { id, step } of ctx.ofKind('task')) {
      if (step.role === undefined) continue; // no lane yet: task-without-role
      // Role ids cannot contain a newline, so this key cannot collide across lanes.
      const key = `${step.role}\n${step.title.trim().toLowerCase()}`;
      const seen = first.get(key);
      if (seen === undefined) {
        first.set(key, id);
        continue;
      }
      report({
        path: `steps.${id}.title`,
        step: id,
        message: `Two tasks in the ${roleNameIn(ctx.definition, step.role)} lane are titled “${step.title.trim()}”: staff cannot tell them apart in their queue`,
      });
    }
  },
};
