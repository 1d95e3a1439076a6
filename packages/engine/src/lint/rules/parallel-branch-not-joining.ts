import { edgeLabel, edgeRef, stepName } from '../describe.ts';
import type { Scope } from '../scopes.ts';
import type { Rule } from '../types.ts';

export const parallelBranchNotJoining: Rule = {
  id: 'parallel-branch-not-joining',
  severity: 'error',
  description:
    'A parallel branch that never reaches its join, starts at a step that belongs elsewhere, or leads to a step outside the branch other than its join or an end step; or a step outside the branch that leads into it.',
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
    const n = (id: string): string => stepName(ctx.definition, id);
    const describe = (scope: Scope): string =>
      scope.fork === undefined ? 'the main flow' : `branch ${scope.branch! + 1} of ${n(scope.fork)}`;
    const reachedFrom = (id: string): string => {
      const edge = ctx.firstReachedBy(id);
      return edge ? ` (reached from ${n(edge.from)})` : '';
    };
    const encloses = (outer: Scope, inner: Scope): boolean => {
      for (let s = inner; s.parent !== -1; ) {
        s = ctx.scopes[s.parent]!;
        if (s === outer) return true;
      }
      return false;
    };

    // The shape of each parallel step and where each branch goes.
    for (const fork of ctx.forks) {
      if (fork.join === fork.id) {
        const message = `Parallel step ${n(fork.id)} joins at itself; its branches would start it again instead of moving on`;
        report({ path: `steps.${fork.id}.join`, step: fork.id, message });
        continue;
      }
      for (const branch of fork.branches) {
        const name = `Branch ${branch.index + 1} of ${n(fork.id)}`;
        const at = { path: `steps.${fork.id}.branches.${branch.index}`, step: fork.id };
        if (!ctx.steps.has(branch.start)) continue; // unknown-target
        if (branch.start === fork.join) {
          report({
            ...at,
            severity: 'warning',
            message: `${name} starts at its join ${n(fork.join)}, so it has nothing to do`,
          });
          continue;
        }
        const home = ctx.scopeOf(branch.start);
        if (home !== undefined && home !== ctx.branchScope(fork.id, branch.index)) {
          const message = `${name} starts at ${n(branch.start)}, which is part of ${describe(home)}${reachedFrom(branch.start)}`;
          report({ ...at, message });
          continue;
        }
        if (!branch.reachesJoin) {
          report({
            ...at,
            message: `${name} (starting at ${n(branch.start)}) never reaches its join ${n(fork.join)}`,
          });
        }
      }
    }

    // Every other arrow stays where it starts, except a branch's arrows to its join or to an end step.
    for (const edge of ctx.edges) {
      if (edge.kind === 'fork') continue;
      const from = ctx.scopeOf(edge.from);
      const to = ctx.scopeOf(edge.to);
      if (from === undefined || to === undefined || from === to || from.join === edge.to) continue;
      const via = `(${edgeLabel(edge)})`;
      const rule =
        from.join === undefined ? '' : `; a branch may only lead to its join ${n(from.join)} or an end step`;
      let message: string;
      if (edge.kind === 'join') {
        message = `${n(edge.from)} joins at ${n(edge.to)}, which is part of ${describe(to)}${reachedFrom(edge.to)}`;
      } else if (from.fork === undefined) {
        message = `${n(edge.from)} enters ${describe(to)} at ${n(edge.to)} ${via} without passing the fork`;
      } else if (encloses(to, from)) {
        message = `${n(edge.from)} leaves ${describe(from)} for ${n(edge.to)} ${via}${rule}`;
      } else {
        message = `${n(edge.from)} leads from ${describe(from)} into ${describe(to)} at ${n(edge.to)} ${via}${rule}`;
      }
      report({ path: edge.path, step: edge.from, edge: edgeRef(edge), message });
    }
  },
};
