import type { Definition, Step, StepKind } from '../definition.ts';
import { allEdges, type Edge } from '../graph.ts';
import { type Adjacency, adjacency, closure } from './adjacency.ts';
import { type Fork, forkAnalysis } from './fork-branches.ts';
import { assignScopes, type Scope } from './scopes.ts';
import { cyclicComponents } from './strongly-connected.ts';

export type StepOfKind<K extends StepKind> = Extract<Step, { type: K }>;

/**
 * Everything rules need, computed once per lint call so that each rule is a single linear pass.
 * Lint runs on every keystroke in the editor; no rule should walk the graph on its own.
 */
export interface LintContext {
  definition: Definition;
  /** Step ids in definition order. */
  stepIds: readonly string[];
  /** Steps by id. A Map, so ids such as `constructor` never hit `Object.prototype`. */
  steps: ReadonlyMap<string, Step>;
  /** Steps of one kind, in definition order. */
  ofKind<K extends StepKind>(kind: K): ReadonlyArray<{ id: string; step: StepOfKind<K> }>;
  /** Declared role ids. */
  roleIds: ReadonlySet<string>;
  /** Every edge, including each parallel step's edge to its join (see `allEdges`). */
  edges: readonly Edge[];
  /** Edges leaving a step, in definition order. */
  out(id: string): Edge[];
  /** Edges arriving at an existing step. */
  in(id: string): Edge[];
  /** Steps reachable from `start`; empty when `start` names no step. */
  reachable: ReadonlySet<string>;
  /** Whether some end step can be reached from the step. */
  canReachEnd(id: string): boolean;
  /** Strongly connected sets of steps that contain a cycle, each in definition order. */
  cycles: ReadonlyArray<readonly string[]>;
  /** Each parallel step whose join exists, with the steps of each branch. */
  forks: readonly Fork[];
  /** The main flow (`scopes[0]`) and every parallel branch. */
  scopes: readonly Scope[];
  /** The scope a step lives in, or undefined for end steps (they may be reached from anywhere). */
  scopeOf(id: string): Scope | undefined;
  /** The scope of branch `index` of a parallel step. */
  branchScope(fork: string, index: number): Scope | undefined;
  /** The edge by which a step was first reached when scopes were assigned (undefined for roots). */
  firstReachedBy(id: string): Edge | undefined;
  /**
   * Cycles that pass no task and no wait: only decisions, and parallel steps whose branches hold
   * neither. Nothing can change the data on such a loop, so once entered it never leaves.
   */
  automaticCycles: ReadonlyArray<readonly string[]>;
  /**
   * Roles at least one active person holds, when the caller knows them (the server or the web app
   * passes them in as data; lint itself reads nothing). Null: unknown, so staffing is not checked.
   */
  heldRoles: ReadonlySet<string> | null;
}

type Entries = { [K in StepKind]: Array<{ id: string; step: StepOfKind<K> }> };

export function createLintContext(
  definition: Definition,
  heldRoles: readonly string[] | null = null,
): LintContext {
  const stepIds = Object.keys(definition.steps);
  const n = stepIds.length;
  const steps = new Map<string, Step>();
  const indexOf = new Map<string, number>();
  const isEnd = new Uint8Array(n);
  const byKind: Entries = { task: [], decision: [], parallel: [], wait: [], end: [] };
  for (let i = 0; i < n; i++) {
    const id = stepIds[i]!;
    const step = definition.steps[id]!;
    steps.set(id, step);
    indexOf.set(id, i);
    if (step.type === 'end') isEnd[i] = 1;
    (byKind[step.type] as Array<{ id: string; step: Step }>).push({ id, step });
  }

  // Edges as step indices; -1 marks a target that is not a step (unknown-target reports it).
  const edges = allEdges(definition);
  const m = edges.length;
  const from = new Int32Array(m);
  const to = new Int32Array(m);
  let known = 0;
  for (let e = 0; e < m; e++) {
    const edge = edges[e]!;
    from[e] = indexOf.get(edge.from)!;
    const t = indexOf.get(edge.to);
    to[e] = t ?? -1;
    if (t !== undefined) known++;
  }
  const knownFrom = new Int32Array(known);
  const knownTo = new Int32Array(known);
  const knownEdge = new Int32Array(known);
  for (let e = 0, k = 0; e < m; e++) {
    if (to[e] === -1) continue;
    knownFrom[k] = from[e]!;
    knownTo[k] = to[e]!;
    knownEdge[k++] = e;
  }
  const succ = adjacency(n, knownFrom, knownTo);
  const pred = adjacency(n, knownTo, knownFrom);
  const edgeIds = new Int32Array(m);
  for (let e = 0; e < m; e++) edgeIds[e] = e;
  const outEdges = adjacency(n, from, edgeIds);
  const inEdges = adjacency(n, knownTo, knownEdge);
  const edgesAt = (graph: Adjacency, id: string): Edge[] => {
    const i = indexOf.get(id);
    if (i === undefined) return [];
    const list: Edge[] = [];
    for (let k = graph.offsets[i]!; k < graph.offsets[i + 1]!; k++) list.push(edges[graph.targets[k]!]!);
    return list;
  };

  const start = indexOf.get(definition.start);
  const fromStart = closure(succ, start === undefined ? [] : [start], n);
  const reachable = new Set<string>();
  for (let i = 0; i < n; i++) if (fromStart[i]) reachable.add(stepIds[i]!);
  const ends: number[] = [];
  for (let i = 0; i < n; i++) if (isEnd[i]) ends.push(i);
  const toEnd = closure(pred, ends, n);

  // Tarjan visits in index order, so sorting indices restores definition order.
  const inOrder = (component: number[]): string[] => component.sort((a, b) => a - b).map((i) => stepIds[i]!);
  const cycles = cyclicComponents(succ, n).map(inOrder);

  const analyse = forkAnalysis({ ids: stepIds, indexOf, isEnd, succ });
  const forks: Fork[] = [];
  for (const { id, step } of byKind.parallel) {
    if (indexOf.has(step.join)) forks.push(analyse(id, step.branches, step.join));
  }

  // Steps that move on by themselves, at once: decisions, and parallel steps with nothing to wait for.
  const automatic = new Uint8Array(n);
  for (const { id } of byKind.decision) automatic[indexOf.get(id)!] = 1;
  const waitsForSomeone = (id: string): boolean => {
    const type = steps.get(id)?.type;
    return type === 'task' || type === 'wait';
  };
  for (const fork of forks) {
    const instant = fork.branches.every((b) => b.reachesJoin && ![...b.region].some(waitsForSomeone));
    if (instant) automatic[indexOf.get(fork.id)!] = 1;
  }
  let loops = 0;
  for (let k = 0; k < known; k++) if (automatic[knownFrom[k]!] && automatic[knownTo[k]!]) loops++;
  const autoFrom = new Int32Array(loops);
  const autoTo = new Int32Array(loops);
  for (let k = 0, a = 0; k < known; k++) {
    if (!automatic[knownFrom[k]!] || !automatic[knownTo[k]!]) continue;
    autoFrom[a] = knownFrom[k]!;
    autoTo[a++] = knownTo[k]!;
  }
  const automaticCycles = cyclicComponents(adjacency(n, autoFrom, autoTo), n).map(inOrder);

  const sources: number[] = [];
  for (let i = 0; i < n; i++) if (pred.offsets[i] === pred.offsets[i + 1]) sources.push(i);
  const placed = assignScopes({ n, edges, out: outEdges, to, isEnd, indexOf, start, sources });
  // Keyed by the fork edge's path, `steps.<fork>.branches.<index>`.
  const branchScopes = new Map<string, Scope>();
  for (const [e, scope] of placed.branchScope) branchScopes.set(edges[e]!.path, placed.scopes[scope]!);

  return {
    definition,
    heldRoles: heldRoles ? new Set(heldRoles) : null,
    stepIds,
    steps,
    ofKind: (kind) => byKind[kind],
    roleIds: new Set(definition.roles.map((r) => r.id)),
    edges,
    out: (id) => edgesAt(outEdges, id),
    in: (id) => edgesAt(inEdges, id),
    reachable,
    canReachEnd: (id) => {
      const i = indexOf.get(id);
      return i !== undefined && toEnd[i] === 1;
    },
    cycles,
    forks,
    automaticCycles,
    scopes: placed.scopes,
    scopeOf: (id) => {
      const i = indexOf.get(id);
      const scope = i === undefined ? -1 : placed.home[i]!;
      return scope === -1 ? undefined : placed.scopes[scope];
    },
    branchScope: (fork, index) => branchScopes.get(`steps.${fork}.branches.${index}`),
    firstReachedBy: (id) => {
      const i = indexOf.get(id);
      const e = i === undefined ? -1 : placed.claimedBy[i]!;
      return e === -1 ? undefined : edges[e];
    },
  };
}
