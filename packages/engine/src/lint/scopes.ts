import type { Edge } from '../graph.ts';
import type { Adjacency } from './adjacency.ts';

/** Where a step lives: the main flow (scope 0) or one branch of one parallel step. */
export interface Scope {
  id: number;
  /** -1 for the main flow. */
  parent: number;
  /** The parallel step and branch this scope is, absent for the main flow. */
  fork?: string;
  branch?: number;
  join?: string;
}

export interface Scopes {
  scopes: Scope[];
  /** Scope of each step index; -1 for end steps, which belong everywhere. */
  home: Int32Array;
  /** The edge (index into `edges`) through which each step was first reached; -1 for roots. */
  claimedBy: Int32Array;
  /** For each fork edge (by edge index), the scope of the branch it starts. */
  branchScope: Map<number, number>;
}

interface Graph {
  n: number;
  edges: readonly Edge[];
  /** Edge indices leaving each step (targets of `out` are edge indices). */
  out: Adjacency;
  /** Target step index of each edge, -1 when it is not a step. */
  to: Int32Array;
  isEnd: Uint8Array;
  indexOf: ReadonlyMap<string, number>;
  start: number | undefined;
  /** Steps with no incoming edge, in definition order. */
  sources: readonly number[];
}

/**
 * Gives every step a home scope by walking the graph outermost level first: the main flow to
 * exhaustion, then every branch one level down, and so on. A step reachable from two scopes keeps
 * the outer one, so an arrow from a branch into the main flow (or into another branch) is the
 * arrow that disagrees with its target's home. Linear in steps and edges.
 */
export function assignScopes(graph: Graph): Scopes {
  const { n, edges, out, to, isEnd } = graph;
  const home = new Int32Array(n).fill(-1);
  const claimedBy = new Int32Array(n).fill(-1);
  const scopes: Scope[] = [{ id: 0, parent: -1 }];
  const branchScope = new Map<number, number>();
  const levels: number[][] = [[]];

  const claim = (step: number, scope: number, edge: number, depth: number): void => {
    if (home[step] !== -1 || isEnd[step] === 1) return;
    home[step] = scope;
    claimedBy[step] = edge;
    if (levels[depth] === undefined) levels[depth] = [];
    levels[depth]!.push(step);
  };

  const run = (root: number): void => {
    claim(root, 0, -1, 0);
    for (let depth = 0; depth < levels.length; depth++) {
      const queue = levels[depth]!;
      for (let q = 0; q < queue.length; q++) {
        const from = queue[q]!;
        const scope = home[from]!;
        for (let k = out.offsets[from]!; k < out.offsets[from + 1]!; k++) {
          const e = out.targets[k]!;
          const target = to[e]!;
          if (target === -1) continue;
          const edge = edges[e]!;
          if (edge.kind === 'fork') {
            const join = joinOf(from);
            const branch = scopes.length;
            scopes.push({ id: branch, parent: scope, fork: edge.from, branch: forkIndex(edge), join });
            branchScope.set(e, branch);
            // A branch that starts at its join is empty: the join stays with the fork.
            if (edge.to === join) claim(target, scope, e, depth);
            else claim(target, branch, e, depth + 1);
          } else {
            claim(target, scope, e, depth);
          }
        }
      }
      queue.length = 0;
    }
  };

  // The parallel step's join, found from its synthetic join edge.
  const joinOf = (fork: number): string | undefined => {
    for (let k = out.offsets[fork]!; k < out.offsets[fork + 1]!; k++) {
      const edge = edges[out.targets[k]!]!;
      if (edge.kind === 'join') return edge.to;
    }
    return undefined;
  };

  if (graph.start !== undefined) run(graph.start);
  // Steps the start does not reach still get a home, so their parallel blocks are checked too.
  for (const s of graph.sources) if (home[s] === -1) run(s);
  for (let i = 0; i < n; i++) if (home[i] === -1 && isEnd[i] !== 1) run(i);
  return { scopes, home, claimedBy, branchScope };
}

function forkIndex(edge: Edge): number {
  // Fork edges are written at `steps.<id>.branches.<i>`.
  return Number(edge.path.slice(edge.path.lastIndexOf('.') + 1));
}
