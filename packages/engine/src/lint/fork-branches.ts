import type { Adjacency } from './adjacency.ts';

/** One branch of a parallel step, as the linter sees it. */
export interface ForkBranch {
  /** 0-based position in the parallel step's `branches`. */
  index: number;
  /** The step the branch starts at. */
  start: string;
  /** Steps reachable from `start` without passing the fork, the join or an end step. */
  region: ReadonlySet<string>;
  /** Whether the join can be reached from the branch start. */
  reachesJoin: boolean;
}

export interface Fork {
  id: string;
  join: string;
  branches: ForkBranch[];
}

interface Graph {
  ids: readonly string[];
  indexOf: ReadonlyMap<string, number>;
  isEnd: Uint8Array;
  succ: Adjacency;
}

/**
 * Returns a function that walks the branches of one parallel step. The scratch array is shared
 * across forks and told apart by a stamp, so each branch costs only the size of its region.
 */
export function forkAnalysis(graph: Graph): (id: string, branches: readonly string[], join: string) => Fork {
  const n = graph.ids.length;
  const seen = new Int32Array(n);
  const stack = new Int32Array(n);
  let stamp = 0;

  const branchOf = (fork: number, index: number, start: string, join: number): ForkBranch => {
    const s = graph.indexOf.get(start);
    const region = new Set<string>();
    if (s === join) return { index, start, region, reachesJoin: true };
    stamp++;
    let reachesJoin = false;
    let top = 0;
    const visit = (i: number): void => {
      if (i === join) reachesJoin = true;
      if (seen[i] === stamp || i === fork || i === join || graph.isEnd[i] === 1) return;
      seen[i] = stamp;
      region.add(graph.ids[i]!);
      stack[top++] = i;
    };
    if (s !== undefined) visit(s);
    while (top > 0) {
      const i = stack[--top]!;
      for (let k = graph.succ.offsets[i]!; k < graph.succ.offsets[i + 1]!; k++) visit(graph.succ.targets[k]!);
    }
    return { index, start, region, reachesJoin };
  };

  return (id, branches, join) => {
    const fork = graph.indexOf.get(id)!;
    const j = graph.indexOf.get(join)!;
    return { id, join, branches: branches.map((start, index) => branchOf(fork, index, start, j)) };
  };
}
