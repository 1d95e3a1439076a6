/**
 * Compressed adjacency over step indices: the successors of step `i` are
 * `targets[offsets[i]] … targets[offsets[i + 1] - 1]`. Typed arrays and integer ids keep the
 * graph passes allocation-free, which matters on the editor's first, not yet optimised, lint.
 */
export interface Adjacency {
  offsets: Int32Array;
  targets: Int32Array;
}

/** Builds adjacency for `n` nodes from parallel arrays of edge ends. */
export function adjacency(n: number, from: Int32Array, to: Int32Array): Adjacency {
  const offsets = new Int32Array(n + 1);
  for (let e = 0; e < from.length; e++) offsets[from[e]! + 1]!++;
  for (let i = 0; i < n; i++) offsets[i + 1]! += offsets[i]!;
  const fill = offsets.slice(0, n);
  const targets = new Int32Array(from.length);
  for (let e = 0; e < from.length; e++) targets[fill[from[e]!]!++] = to[e]!;
  return { offsets, targets };
}

/** Marks every node reachable from `roots` (the roots included). */
export function closure(graph: Adjacency, roots: Iterable<number>, n: number): Uint8Array {
  const seen = new Uint8Array(n);
  const stack = new Int32Array(n);
  let top = 0;
  for (const r of roots) {
    if (seen[r]) continue;
    seen[r] = 1;
    stack[top++] = r;
  }
  while (top > 0) {
    const node = stack[--top]!;
    for (let k = graph.offsets[node]!; k < graph.offsets[node + 1]!; k++) {
      const to = graph.targets[k]!;
      if (seen[to]) continue;
      seen[to] = 1;
      stack[top++] = to;
    }
  }
  return seen;
}
