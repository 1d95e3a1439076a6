import type { Definition } from '@portalflow/engine';

/**
 * Where a newly added decision branch points until the designer picks: the decision's `otherwise`,
 * else a step none of its branches goes to yet. Never the start step (a branch looping back to the
 * start is almost never meant, and drew an arrow nobody asked for) and never the decision itself.
 */
export function newBranchTarget(definition: Definition, decisionId: string): string {
  const step = definition.steps[decisionId];
  const usable = (id: string | undefined): id is string =>
    !!id && id !== definition.start && id !== decisionId && id in definition.steps;
  if (step?.type === 'decision' && usable(step.otherwise)) return step.otherwise;
  const taken = new Set(step?.type === 'decision' ? step.branches.map((b) => b.to) : []);
  const ids = Object.keys(definition.steps).filter(usable);
  return ids.find((id) => !taken.has(id)) ?? ids[0] ?? '';
}
