import type { Adjacency } from './adjacency.ts';

/**
 * Strongly connected components that contain a cycle (more than one node, or a node that leads
 * to itself), by an iterative Tarjan: linear time, no recursion (a 10,000-step chain cannot
 * overflow the stack) and no allocation per node.
 */
export function cyclicComponents(graph: Adjacency, n: number): number[][] {
  const { offsets, targets } = graph;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack = new Int32Array(n);
  const callNode = new Int32Array(n);
  const callEdge = new Int32Array(n);
  const components: number[][] = [];
  let counter = 0;
  let top = 0;
  let depth = 0;
  const enter = (node: number): void => {
    index[node] = low[node] = counter++;
    stack[top++] = node;
    onStack[node] = 1;
    callNode[depth] = node;
    callEdge[depth] = offsets[node]!;
    depth++;
  };

  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    enter(root);
    while (depth > 0) {
      const node = callNode[depth - 1]!;
      const k = callEdge[depth - 1]!;
      if (k < offsets[node + 1]!) {
        callEdge[depth - 1] = k + 1;
        const to = targets[k]!;
        if (index[to] === -1) enter(to);
        else if (onStack[to] && index[to]! < low[node]!) low[node] = index[to]!;
        continue;
      }
      depth--;
      if (depth > 0) {
        const parent = callNode[depth - 1]!;
        if (low[node]! < low[parent]!) low[parent] = low[node]!;
      }
      if (low[node] !== index[node]) continue;
      const component: number[] = [];
      let member: number;
      do {
        member = stack[--top]!;
        onStack[member] = 0;
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || leadsToItself(graph, node)) components.push(component);
    }
  }
  return components;
}

function leadsToItself({ offsets, targets }: Adjacency, node: number): boolean {
  for (let k = offsets[node]!; k < offsets[node + 1]!; k++) if (targets[k] === node) return true;
  return false;
}
