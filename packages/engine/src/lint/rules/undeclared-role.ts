import { stepName } from '../describe.ts';
import type { Rule } from '../types.ts';

export const undeclaredRole: Rule = {
  id: 'undeclared-role',
  severity: 'error',
  description: 'A task owned by a role that is not declared in `roles`.',
  docs: {
    rationale:
      'Staff are given roles from the declared list; a task owned by an undeclared role (often a typo) has no one to do it.',
    incorrect: `"roles": [{ "id": "nurse", "name": "Triage nurse" }],
"steps": { "call-patient": { "type": "task", "role": "nurses", "title": "Call the patient", "outcomes": { "reached": "closed" } } }`,
    correct: `"roles": [{ "id": "nurse", "name": "Triage nurse" }],
"steps": { "call-patient": { "type": "task", "role": "nurse", "title": "Call the patient", "outcomes": { "reached": "closed" } } }`,
  },
  check(ctx, report) {
    for (const { id, step } of ctx.ofKind('task')) {
      if (step.role === undefined || ctx.roleIds.has(step.role)) continue;
      report({
        path: `steps.${id}.role`,
        step: id,
        message: `Task ${stepName(ctx.definition, id)} is owned by role "${step.role}", which is not declared in roles`,
      });
    }
  },
};
