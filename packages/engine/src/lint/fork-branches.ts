import type { Adjacency } from './adjacency.ts';

/** One branch of a parallel step, as the linter sees it. */
export interface ForkBranch {
  /** 0-based position in the parallel step's `branches`. */
  index: number;
  /** The step the branch starts at. */
  start: string;
  /**
   * The branch's own steps: those reachable from `start` without passing the fork, the join or an
   * end step, and from which the join can still be reached. Steps reached but not in here are
   * where the branch wandered off to.
   */
  body: ReadonlySet<string>;
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
  pred: Adjacency;
}

/**
 * Returns a function that finds the branch bodies of one parallel step. Scratch arrays are shared
 * across forks and told apart by a stamp, so each branch costs only the size of its region.
 */
export function forkAnalysis(graph: Graph): (id: string, branches: readonly string[], join: string) => Fork {
  const n = graph.ids.length;
  const region = new Int32Array(n);
  const body = new Int32Array(n);
  const stack = new Int32Array(n);
  let stamp = 0;

  const branchOf = (fork: number, index: number, start: string, join: number): ForkBranch => {
    const s = graph.indexOf.get(start);
    if (s === join) return { index, start, body: new Set(), reachesJoin: true };
    stamp++;
    const stops = (i: number): boolean => i === fork || i === join || graph.isEnd[i] === 1;
    // Forward: everything the branch can get to on its own.
    let top = 0;
    if (s !== undefined && !stops(s)) {
      region[s] = stamp;
      stack[top++] = s;
    }
    while (top > 0) {
      const i = stack[--top]!;
      for (let k = graph.succ.offsets[i]!; k < graph.succ.offsets[i + 1]!; k++) {
        const to = graph.succ.targets[k]!;
        if (region[to] === stamp || stops(to)) continue;
        region[to] = stamp;
        stack[top++] = to;
      }
    }
    // Backward from the join, inside that region: the steps that still lead to the join.
    const members = new Set<string>();
    const visit = (i: number): void => {
      if (region[i] !== stamp || body[i] === stamp) return;
      body[i] = stamp;
      members.add(graph.ids[i]!);
      stack[top++] = i;
    };
    for (let k = graph.pred.offsets[join]!; k < graph.pred.offsets[join + 1]!; k++) visit(graph.pred.targets[k]!);
    while (top > 0) {
      const i = stack[--top]!;
      for (let k = graph.pred.offsets[i]!; k < graph.pred.offsets[i + 1]!; k++) visit(graph.pred.targets[k]!);
    }
    return { index, start, body: members, reachesJoin: s !== undefined && body[s] === stamp };
  };

  return (id, branches, join) => {
    const fork = graph.indexOf.get(id)!;
    const j = graph.indexOf.get(join)!;
    return { id, join, branches: branches.map((start, index) => branchOf(fork, index, start, j)) };
  };
}
