import { allEdges, type Definition, type Edge } from '@portalflow/engine';
import { type Ranking, rankSteps } from './rank.ts';

/**
 * A workflow's arrows and their ranking, carried from one scene to the next. Most edits (a title,
 * a deadline, a move) leave the arrows as they were: then the ranking (a walk of the whole graph)
 * is not worked out again. Plain data, so it travels with a scene from the layout worker.
 */
export interface GraphMemo {
  ids: string[];
  start: string;
  /** Every arrow of the definition (`allEdges`), targets that do not exist included. */
  edges: Edge[];
  ranking: Ranking;
}

const sameEdge = (a: Edge, b: Edge) =>
  a.from === b.from && a.to === b.to && a.kind === b.kind && a.label === b.label && a.path === b.path;

const sameList = <T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean) =>
  a.length === b.length && a.every((x, i) => same(x, b[i]!));

/** The arrows and ranking of `definition`: the previous ones when its steps and arrows are unchanged. */
export function graphOf(definition: Definition, previous?: GraphMemo): GraphMemo {
  const ids = Object.keys(definition.steps);
  const edges = allEdges(definition);
  if (
    previous &&
    previous.start === definition.start &&
    sameList(previous.ids, ids, (a, b) => a === b) &&
    sameList(previous.edges, edges, sameEdge)
  )
    return previous;
  return { ids, start: definition.start, edges, ranking: rankSteps(definition, edges) };
}
