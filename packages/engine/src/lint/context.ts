import type { Definition, Step, StepKind } from '../definition.ts';
import { allEdges, type Edge } from '../graph.ts';
import { type Fork, forkBranches } from './fork-branches.ts';
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
  /** Edges leaving a step. */
  out(id: string): readonly Edge[];
  /** Edges arriving at a step id, whether or not that step exists. */
  in(id: string): readonly Edge[];
  /** Steps reachable from `start`; empty when `start` names no step. */
  reachable: ReadonlySet<string>;
  /** Steps from which some end step can be reached. */
  canReachEnd: ReadonlySet<string>;
  /** Strongly connected sets of steps that contain a cycle, each in definition order. */
  cycles: ReadonlyArray<readonly string[]>;
  /** Each parallel step whose join exists, with the steps of each branch. */
  forks: readonly Fork[];
}

const NONE: readonly never[] = [];

export function createLintContext(definition: Definition): LintContext {
  const stepIds = Object.keys(definition.steps);
  const steps = new Map<string, Step>(Object.entries(definition.steps));
  const order = new Map<string, number>(stepIds.map((id, i) => [id, i]));
  const byKind = new Map<StepKind, Array<{ id: string; step: Step }>>();
  for (const [id, step] of steps) {
    const list = byKind.get(step.type);
    if (list) list.push({ id, step });
    else byKind.set(step.type, [{ id, step }]);
  }

  const edges = allEdges(definition);
  const outMap = new Map<string, Edge[]>();
  const inMap = new Map<string, Edge[]>();
  for (const e of edges) {
    push(outMap, e.from, e);
    push(inMap, e.to, e);
  }
  const out = (id: string): readonly Edge[] => outMap.get(id) ?? NONE;
  const into = (id: string): readonly Edge[] => inMap.get(id) ?? NONE;
  const isEnd = (id: string): boolean => steps.get(id)?.type === 'end';

  const existingSuccessors = (id: string): string[] => {
    const next: string[] = [];
    for (const e of out(id)) if (steps.has(e.to)) next.push(e.to);
    return next;
  };
  const reachable = walk(steps.has(definition.start) ? [definition.start] : [], existingSuccessors);
  const canReachEnd = walk(
    stepIds.filter(isEnd),
    (id) => into(id).map((e) => e.from),
  );
  const cycles = cyclicComponents(stepIds, existingSuccessors).map((c) =>
    c.sort((a, b) => order.get(a)! - order.get(b)!),
  );

  const graph = { has: (id: string) => steps.has(id), isEnd, out, in: into };
  const forks: Fork[] = [];
  for (const { id, step } of byKind.get('parallel') ?? []) {
    if (step.type === 'parallel' && steps.has(step.join)) forks.push(forkBranches(id, step.branches, step.join, graph));
  }

  return {
    definition,
    stepIds,
    steps,
    ofKind: <K extends StepKind>(kind: K) =>
      (byKind.get(kind) ?? NONE) as ReadonlyArray<{ id: string; step: StepOfKind<K> }>,
    roleIds: new Set(definition.roles.map((r) => r.id)),
    edges,
    out,
    in: into,
    reachable,
    canReachEnd,
    cycles,
    forks,
  };
}

function push<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Depth-first closure of `roots` under `next`. */
function walk(roots: readonly string[], next: (id: string) => readonly string[]): Set<string> {
  const seen = new Set<string>();
  const todo = [...roots];
  while (todo.length > 0) {
    const id = todo.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const to of next(id)) if (!seen.has(to)) todo.push(to);
  }
  return seen;
}
