import { allEdges, type Definition, type Edge } from '@portalflow/engine';

/**
 * Columns for a left-to-right layout. A depth-first walk from the start (then from any step it
 * never reached) finds the arrows that close a loop; every other arrow points right: a step's
 * column is one more than the furthest step leading into it, so an End is never left of the steps
 * that lead to it.
 */
export interface Ranking {
  rank: Map<string, number>;
  /** Arrows that close a loop (`from->to#path`): the only ones allowed to point left. */
  loops: Set<string>;
  edges: Edge[];
}

export const edgeKey = (e: Edge) => `${e.from}->${e.to}#${e.path}`;

/** `all` is the definition's arrows, when the caller has them already (`allEdges`). */
export function rankSteps(definition: Definition, all: readonly Edge[] = allEdges(definition)): Ranking {
  const edges = all.filter((e) => definition.steps[e.to] !== undefined);
  const out = new Map<string, Edge[]>();
  for (const e of edges) {
    const list = out.get(e.from);
    if (list) list.push(e);
    else out.set(e.from, [e]);
  }
  const ids = Object.keys(definition.steps);
  const state = new Map<string, 'open' | 'done'>();
  const loops = new Set<string>();
  const walk = (root: string) => {
    const stack: Array<{ id: string; next: number }> = [{ id: root, next: 0 }];
    state.set(root, 'open');
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const list = out.get(top.id) ?? [];
      if (top.next >= list.length) {
        state.set(top.id, 'done');
        stack.pop();
        continue;
      }
      const e = list[top.next++]!;
      const seen = state.get(e.to);
      if (seen === 'open') loops.add(edgeKey(e));
      else if (seen === undefined) {
        state.set(e.to, 'open');
        stack.push({ id: e.to, next: 0 });
      }
    }
  };
  if (definition.steps[definition.start]) walk(definition.start);
  for (const id of ids) if (!state.has(id)) walk(id);

  // Longest path over the arrows that are not loops (a DAG), in topological order.
  const indegree = new Map(ids.map((id) => [id, 0]));
  const forward = edges.filter((e) => !loops.has(edgeKey(e)) && e.from !== e.to);
  for (const e of forward) indegree.set(e.to, indegree.get(e.to)! + 1);
  const rank = new Map(ids.map((id) => [id, 0]));
  const queue = ids.filter((id) => indegree.get(id) === 0);
  const forwardOut = new Map<string, Edge[]>();
  for (const e of forward) {
    const list = forwardOut.get(e.from);
    if (list) list.push(e);
    else forwardOut.set(e.from, [e]);
  }
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head]!;
    for (const e of forwardOut.get(id) ?? []) {
      rank.set(e.to, Math.max(rank.get(e.to)!, rank.get(id)! + 1));
      indegree.set(e.to, indegree.get(e.to)! - 1);
      if (indegree.get(e.to) === 0) queue.push(e.to);
    }
  }
  return { rank, loops, edges };
}
