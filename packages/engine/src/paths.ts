import type { Definition } from './definition.ts';
import { type Edge, edgesOf } from './graph.ts';

export interface WorkflowPath {
  /** Steps in order, from the start (or a branch's first step) to an end step (or the join). */
  steps: string[];
  edges: Edge[];
  /** Set for paths inside a parallel branch. */
  branchOf?: string;
}

export interface PathOptions {
  /** Stop after this many paths (the count can grow exponentially). */
  limit?: number;
}

/**
 * Enumerates simple paths (no step twice) through the workflow. A parallel step counts as one
 * step on the outer path, continuing at its join; each branch's paths are listed on their own.
 */
export function enumeratePaths(
  definition: Definition,
  options: PathOptions = {},
): { paths: WorkflowPath[]; truncated: boolean } {
  const limit = options.limit ?? 1000;
  const paths: WorkflowPath[] = [];
  let truncated = false;

  const walk = (first: string, stopAt: string | undefined, branchOf: string | undefined) => {
    const steps: string[] = [];
    const edges: Edge[] = [];
    const onPath = new Set<string>();
    const visit = (id: string) => {
      if (paths.length >= limit) {
        truncated = true;
        return;
      }
      const step = definition.steps[id];
      if (!step || onPath.has(id)) return;
      steps.push(id);
      onPath.add(id);
      const done = id === stopAt || step.type === 'end';
      if (done) {
        const path: WorkflowPath = { steps: [...steps], edges: [...edges] };
        if (branchOf !== undefined) path.branchOf = branchOf;
        paths.push(path);
      } else {
        const out: Edge[] =
          step.type === 'parallel'
            ? [{ from: id, to: step.join, kind: 'join', label: 'join', path: `steps.${id}.join` }]
            : edgesOf(id, step);
        for (const edge of out) {
          edges.push(edge);
          visit(edge.to);
          edges.pop();
        }
      }
      steps.pop();
      onPath.delete(id);
    };
    visit(first);
  };

  walk(definition.start, undefined, undefined);
  for (const [id, step] of Object.entries(definition.steps)) {
    if (step.type === 'parallel') for (const first of step.branches) walk(first, step.join, id);
  }
  return { paths, truncated };
}
