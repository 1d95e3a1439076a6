import { stepName } from '../describe.ts';
import type { Rule } from '../types.ts';

export const waitEndedEarlyByUndeclaredRole: Rule = {
  id: 'wait-ended-early-by-undeclared-role',
  severity: 'error',
  description: 'A wait whose `endEarlyBy` names a role not declared in `roles`.',
  docs: {
    rationale:
      'Ending a wait early is offered to the people of one role; a role the workflow does not declare has nobody, so the wait could never be ended early and staff would look for a button that never shows.',
    incorrect: `"endEarlyBy": "doctor"   // roles: provider, medical-records`,
    correct: `"endEarlyBy": "provider"`,
  },
  check(ctx, report) {
    for (const { id, step } of ctx.ofKind('wait')) {
      const role = step.endEarlyBy;
      if (role === undefined || ctx.roleIds.has(role)) continue;
      report({
        path: `steps.${id}.endEarlyBy`,
        step: id,
        message: `${stepName(ctx.definition, id)} may be ended early by role "${role}", which is not declared in roles`,
      });
    }
  },
};
