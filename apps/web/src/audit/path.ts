import { allEdges, type Definition, type Edge } from '@portalflow/engine';
import type { TimelineEntry } from '../api/types.ts';

export interface StepEdge {
  from: string;
  to: string;
}

/** The path an instance took up to one event: steps entered (in order) and edges followed. */
export interface PathTaken {
  visited: string[];
  edges: StepEdge[];
}

type PathEntry = Pick<TimelineEntry, 'seq' | 'steps' | 'changes'>;

/**
 * Replays the timeline's `steps` (the steps each event entered) up to and including event `at`, and
 * works out which edge of the definition led into each entered step. The timeline does not name the
 * edge, so it is inferred, preferring in order: the outcome a task was completed with in the same
 * event, a step entered earlier in the same event (decisions, forks), a task closed in the same
 * event, and otherwise the most recently entered predecessor.
 */
export function pathUpTo(definition: Definition, timeline: readonly PathEntry[], at: number): PathTaken {
  const visited: string[] = [];
  const edges: StepEdge[] = [];
  const lastEntered = new Map<string, number>();
  const edgeKeys = new Set<string>();
  let clock = 0;

  const into = new Map<string, Edge[]>();
  for (const edge of allEdges(definition)) {
    const list = into.get(edge.to);
    if (list) list.push(edge);
    else into.set(edge.to, [edge]);
  }

  const enter = (step: string) => {
    if (!lastEntered.has(step)) visited.push(step);
    lastEntered.set(step, ++clock);
  };
  const addEdge = (from: string, to: string) => {
    const key = `${from}\u0000${to}`;
    if (edgeKeys.has(key)) return;
    edgeKeys.add(key);
    edges.push({ from, to });
  };

  const entries = [...timeline].filter((e) => e.seq <= at).sort((a, b) => a.seq - b.seq);
  if (entries.length > 0 && definition.steps[definition.start]) enter(definition.start);

  for (const entry of entries) {
    const closed = entry.changes
      .filter((c) => c.field === 'outcome' && typeof c.step === 'string')
      .map((c) => ({
        step: c.step as string,
        outcome: c.to === null || c.to === undefined ? '' : String(c.to),
      }));
    const thisEvent: string[] = [];
    for (const step of entry.steps) {
      if (thisEvent.includes(step)) continue; // edge.taken and task.opened both name the step
      const candidates = (into.get(step) ?? []).filter(
        (e) => e.from !== step || closed.some((c) => c.step === step),
      );
      const pick =
        candidates.find(
          (e) => e.kind === 'outcome' && closed.some((c) => c.step === e.from && c.outcome === e.label),
        ) ??
        latest(
          candidates.filter((e) => e.kind !== 'join' && thisEvent.includes(e.from)),
          (e) => thisEvent.lastIndexOf(e.from),
        ) ??
        candidates.find((e) => e.kind !== 'join' && closed.some((c) => c.step === e.from)) ??
        latest(
          candidates.filter((e) => e.kind !== 'join' && lastEntered.has(e.from)),
          (e) => lastEntered.get(e.from)!,
        ) ??
        latest(
          candidates.filter((e) => lastEntered.has(e.from) || thisEvent.includes(e.from)),
          (e) => lastEntered.get(e.from) ?? 0,
        );
      if (pick) addEdge(pick.from, step);
      enter(step);
      thisEvent.push(step);
    }
  }
  return { visited, edges };
}

function latest<T>(items: T[], rank: (item: T) => number): T | undefined {
  let best: T | undefined;
  let bestRank = Number.NEGATIVE_INFINITY;
  for (const item of items) {
    const r = rank(item);
    if (r > bestRank) {
      best = item;
      bestRank = r;
    }
  }
  return best;
}

/** Steps in a readable order for lists: breadth-first from the start, then any unreachable ones. */
export function stepOrder(definition: Definition): string[] {
  const out = new Map<string, string[]>();
  for (const e of allEdges(definition)) {
    const list = out.get(e.from);
    if (list) list.push(e.to);
    else out.set(e.from, [e.to]);
  }
  const order: string[] = [];
  const seen = new Set<string>();
  const queue = definition.steps[definition.start] ? [definition.start] : [];
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (seen.has(id) || !definition.steps[id]) continue;
    seen.add(id);
    order.push(id);
    for (const to of out.get(id) ?? []) if (!seen.has(to)) queue.push(to);
  }
  for (const id of Object.keys(definition.steps)) if (!seen.has(id)) order.push(id);
  return order;
}
