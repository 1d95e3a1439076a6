import type { Definition, Step } from './definition.ts';

/** One way out of a step: an outcome, a decision branch, a fork, a join, a wait's next, a deadline's goTo. */
export interface Edge {
  from: string;
  to: string;
  kind: 'outcome' | 'branch' | 'otherwise' | 'fork' | 'join' | 'next' | 'deadline';
  /** Outcome name, branch index or other label shown on the diagram. */
  label: string;
  /** Where the edge is written in the definition, e.g. `steps.classify.outcomes.clinical`. */
  path: string;
}

/** Every edge leaving `id`, in definition order. */
export function edgesOf(id: string, step: Step): Edge[] {
  const base = `steps.${id}`;
  const edges: Edge[] = [];
  switch (step.type) {
    case 'task':
      for (const [outcome, to] of Object.entries(step.outcomes)) {
        edges.push({ from: id, to, kind: 'outcome', label: outcome, path: `${base}.outcomes.${outcome}` });
      }
      break;
    case 'decision':
      step.branches.forEach((b, i) => {
        edges.push({ from: id, to: b.to, kind: 'branch', label: b.when, path: `${base}.branches.${i}.to` });
      });
      if (step.otherwise !== undefined) {
        edges.push({
          from: id,
          to: step.otherwise,
          kind: 'otherwise',
          label: 'otherwise',
          path: `${base}.otherwise`,
        });
      }
      break;
    case 'parallel':
      step.branches.forEach((to, i) => {
        edges.push({ from: id, to, kind: 'fork', label: `branch ${i + 1}`, path: `${base}.branches.${i}` });
      });
      break;
    case 'wait':
      edges.push({
        from: id,
        to: step.next,
        kind: 'next',
        label: step.signal ?? step.for ?? 'next',
        path: `${base}.next`,
      });
      break;
    case 'end':
      break;
  }
  if ((step.type === 'task' || step.type === 'wait') && step.deadline?.goTo !== undefined) {
    edges.push({
      from: id,
      to: step.deadline.goTo,
      kind: 'deadline',
      label: `after ${step.deadline.after}`,
      path: `${base}.deadline.goTo`,
    });
  }
  return edges;
}

/** Every edge of the definition. A parallel step's join is listed as an edge from the fork too. */
export function allEdges(definition: Definition): Edge[] {
  const edges: Edge[] = [];
  for (const [id, step] of Object.entries(definition.steps)) {
    edges.push(...edgesOf(id, step));
    if (step.type === 'parallel') {
      edges.push({ from: id, to: step.join, kind: 'join', label: 'join', path: `steps.${id}.join` });
    }
  }
  return edges;
}

/** Step ids reachable from the start (following every edge, including parallel joins). */
export function reachableSteps(definition: Definition): Set<string> {
  const seen = new Set<string>();
  const out = new Map<string, string[]>();
  for (const e of allEdges(definition)) {
    const list = out.get(e.from);
    if (list) list.push(e.to);
    else out.set(e.from, [e.to]);
  }
  const stack = definition.steps[definition.start] ? [definition.start] : [];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id) || !definition.steps[id]) continue;
    seen.add(id);
    for (const to of out.get(id) ?? []) if (!seen.has(to)) stack.push(to);
  }
  return seen;
}
