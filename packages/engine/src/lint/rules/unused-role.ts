import type { Rule } from '../types.ts';

export const unusedRole: Rule = {
  id: 'unused-role',
  severity: 'warning',
  description: 'A declared role that owns no task and receives no escalation.',
  docs: {
    rationale:
      'An empty lane is either a leftover or a department whose part of the workflow has not been drawn yet.',
    incorrect: `"roles": [{ "id": "front-desk", "name": "Front desk" }, { "id": "billing", "name": "Billing" }]   // no task uses billing`,
    correct: `"roles": [{ "id": "front-desk", "name": "Front desk" }]`,
  },
  check(ctx, report) {
    const used = new Set<string>();
    for (const { step } of ctx.ofKind('task')) {
      if (step.role !== undefined) used.add(step.role);
      if (step.deadline?.escalateTo !== undefined) used.add(step.deadline.escalateTo);
    }
    for (const { step } of ctx.ofKind('wait')) {
      if (step.deadline?.escalateTo !== undefined) used.add(step.deadline.escalateTo);
    }
    ctx.definition.roles.forEach((role, i) => {
      if (used.has(role.id)) return;
      report({
        path: `roles.${i}`,
        message: `The ${role.name || role.id} lane has no task and receives no escalation`,
      });
    });
  },
};
