import { stepName } from '../describe.ts';
import type { Rule } from '../types.ts';

export const escalationToUndeclaredRole: Rule = {
  id: 'escalation-to-undeclared-role',
  severity: 'error',
  description: 'A deadline that escalates to a role not declared in `roles`.',
  docs: {
    rationale:
      "Escalation moves late work into a role's pool; an undeclared role has no pool, so late work would vanish from every queue.",
    incorrect: `"deadline": { "after": "PT4H", "escalateTo": "office-manager" }   // roles: front-desk, supervisor`,
    correct: `"deadline": { "after": "PT4H", "escalateTo": "supervisor" }`,
  },
  check(ctx, report) {
    for (const { id, step } of [...ctx.ofKind('task'), ...ctx.ofKind('wait')]) {
      const role = step.deadline?.escalateTo;
      if (role === undefined || ctx.roleIds.has(role)) continue;
      report({
        path: `steps.${id}.deadline.escalateTo`,
        step: id,
        message: `The deadline of ${stepName(ctx.definition, id)} escalates to role "${role}", which is not declared in roles`,
      });
    }
  },
};
