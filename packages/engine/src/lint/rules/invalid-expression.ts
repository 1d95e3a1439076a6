import { checkExpression } from '../../expression/index.ts';
import { stepName } from '../describe.ts';
import type { Rule } from '../types.ts';

export const invalidExpression: Rule = {
  id: 'invalid-expression',
  severity: 'error',
  description: 'A decision branch whose `when` does not parse.',
  docs: {
    rationale:
      'Decisions run unattended; a condition that does not parse would fail on the first instance to reach it. The message gives the character where parsing stopped.',
    incorrect: `"is-urgent": { "type": "decision", "branches": [{ "when": "data.urgent ==", "to": "call-patient" }], "otherwise": "nurse-review" }`,
    correct: `"is-urgent": { "type": "decision", "branches": [{ "when": "data.urgent == true", "to": "call-patient" }], "otherwise": "nurse-review" }`,
  },
  check(ctx, report) {
    for (const { id, step } of ctx.ofKind('decision')) {
      step.branches.forEach((branch, i) => {
        const result = checkExpression(branch.when);
        if (result.ok) return;
        const path = `steps.${id}.branches.${i}.when`;
        // Positions are 0-based offsets into `when`, as the editor's cursor counts them. The parser
        // usually names the position itself; add it when it does not.
        const where = `character ${result.position}`;
        const detail = result.message.includes(where) ? result.message : `${result.message} at ${where}`;
        // Named as the diagram shows it: the decision by title, the branch by the step it leads to.
        const to = ctx.steps.has(branch.to) ? ` (to ${stepName(ctx.definition, branch.to)})` : '';
        const branchName = `Decision ${stepName(ctx.definition, id)}, condition ${i + 1}${to}`;
        report({ path, step: id, message: `${branchName}: ${detail}` });
      });
    }
  },
};
