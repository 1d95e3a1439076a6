import { edgeLabel, edgeRef } from '../describe.ts';
import type { Rule } from '../types.ts';

export const parallelBranchNotJoining: Rule = {
  id: 'parallel-branch-not-joining',
  severity: 'error',
  description:
    'A parallel branch that never reaches its join, starts inside another branch, leaves for a step outside the branch other than the join or an end step, or is entered from outside the fork.',
  docs: {
    rationale:
      'The instance moves on to the join only when every branch is done. A branch that cannot get there blocks the whole block; one that wanders into another branch or past the join runs steps twice or out of order.',
    incorrect: `"labs-and-forms": { "type": "parallel", "branches": ["order-labs", "send-forms"], "join": "review" },
"order-labs": { "type": "task", "role": "nurse", "title": "Order labs", "outcomes": { "ordered": "review" } },
"send-forms": { "type": "task", "role": "front-desk", "title": "Send intake forms", "outcomes": { "sent": "bill-visit" } }`,
    correct: `"labs-and-forms": { "type": "parallel", "branches": ["order-labs", "send-forms"], "join": "review" },
"order-labs": { "type": "task", "role": "nurse", "title": "Order labs", "outcomes": { "ordered": "review" } },
"send-forms": { "type": "task", "role": "front-desk", "title": "Send intake forms", "outcomes": { "sent": "review" } }`,
  },
  check(ctx, report) {
    for (const fork of ctx.forks) {
      // Which branch a step belongs to: the first whose body holds it, so shared steps are caught once.
      const owner = new Map<string, number>();
      for (const branch of fork.branches) for (const id of branch.body) if (!owner.has(id)) owner.set(id, branch.index);

      for (const branch of fork.branches) {
        const name = `Branch ${branch.index + 1} of "${fork.id}"`;
        const at = { path: `steps.${fork.id}.branches.${branch.index}`, step: fork.id };
        if (!ctx.steps.has(branch.start)) continue; // unknown-target
        if (!branch.reachesJoin) {
          report({ ...at, message: `${name} (starting at "${branch.start}") never reaches its join "${fork.join}"` });
          continue;
        }
        const startOwner = owner.get(branch.start);
        if (startOwner !== undefined && startOwner !== branch.index) {
          report({ ...at, message: `${name} starts at "${branch.start}", which is already part of branch ${startOwner + 1}` });
          continue;
        }
        for (const from of branch.body) {
          if (owner.get(from) !== branch.index) continue;
          // Ways in: only the fork, or the branch's own steps. Other branches are reported from their side.
          for (const edge of ctx.in(from)) {
            if (edge.from === fork.id || branch.body.has(edge.from) || owner.has(edge.from)) continue;
            report({
              path: edge.path,
              step: edge.from,
              edge: edgeRef(edge),
              message: `"${edge.from}" enters branch ${branch.index + 1} of "${fork.id}" at "${from}" (${edgeLabel(edge)}) without passing the fork`,
            });
          }
          for (const edge of ctx.out(from)) {
            const to = edge.to;
            if (to === fork.join || !ctx.steps.has(to) || ctx.steps.get(to)?.type === 'end') continue;
            const toOwner = branch.body.has(to) ? owner.get(to) : undefined;
            if (toOwner === branch.index) continue;
            const where =
              toOwner === undefined
                ? `leaves branch ${branch.index + 1} of "${fork.id}" for "${to}"`
                : `leads from branch ${branch.index + 1} of "${fork.id}" into branch ${toOwner + 1} at "${to}"`;
            report({
              path: edge.path,
              step: from,
              edge: edgeRef(edge),
              message: `"${from}" ${where} (${edgeLabel(edge)}); a branch may only lead to its join "${fork.join}" or an end step`,
            });
          }
        }
      }
    }
  },
};
