import type { Rule } from '../types.ts';

export const duplicateRole: Rule = {
  id: 'duplicate-role',
  severity: 'error',
  description: 'Two roles declared with the same id.',
  docs: {
    rationale:
      'A role id names one lane and one staff pool; declaring it twice leaves it unclear which name and department apply.',
    incorrect: `"roles": [{ "id": "nurse", "name": "Triage nurse" }, { "id": "nurse", "name": "Clinic nurse" }]`,
    correct: `"roles": [{ "id": "triage-nurse", "name": "Triage nurse" }, { "id": "clinic-nurse", "name": "Clinic nurse" }]`,
  },
  check(ctx, report) {
    const first = new Map<string, number>();
    ctx.definition.roles.forEach((role, i) => {
      const seen = first.get(role.id);
      if (seen === undefined) first.set(role.id, i);
      else
        report({
          path: `roles.${i}`,
          message: `Role "${role.id}" is declared twice (also at roles.${seen})`,
        });
    });
  },
};
