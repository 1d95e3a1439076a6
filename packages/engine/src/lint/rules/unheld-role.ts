import type { Rule } from '../types.ts';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export const unheldRole: Rule = {
  id: 'unheld-role',
  severity: 'warning',
  description:
    'A lane (role) or escalation target that no active person holds (checked only when the caller passes `heldRoles`).',
  docs: {
    rationale:
      'Work in a pool nobody holds waits unseen until it is overdue. Give someone the role, or move the lane to a role people hold.',
    incorrect: `"role": "pharmacist"   // heldRoles: ["front-desk", "nurse"]`,
    correct: `"role": "nurse"`,
  },
  check(ctx, report) {
    const held = ctx.heldRoles;
    if (!held) return;
    const titleOf = (id: string) => {
      const step = ctx.steps.get(id);
      return step && 'title' in step && step.title ? step.title : id;
    };
    const nameOf = (id: string) => ctx.definition.roles.find((r) => r.id === id)?.name ?? id;
    const owned = new Map<string, number>();
    for (const { step } of ctx.ofKind('task')) {
      if (step.role !== undefined) owned.set(step.role, (owned.get(step.role) ?? 0) + 1);
    }
    ctx.definition.roles.forEach((role, i) => {
      if (held.has(role.id)) return;
      const n = owned.get(role.id) ?? 0;
      report({
        path: `roles.${i}`,
        message:
          n === 0
            ? `Nobody holds the ${role.name} role: steps drawn in this lane would wait unseen`
            : `${plural(n, 'step', 'steps')} will land in the ${role.name} pool, which nobody holds`,
      });
    });
    for (const kind of ['task', 'wait'] as const) {
      for (const { id, step } of ctx.ofKind(kind)) {
        const to = step.deadline?.escalateTo;
        if (to === undefined || held.has(to) || !ctx.roleIds.has(to)) continue;
        report({
          path: `steps.${id}.deadline.escalateTo`,
          step: id,
          message: `Late work on “${titleOf(id)}” escalates to the ${nameOf(to)} pool, which nobody holds`,
        });
      }
    }
  },
};
