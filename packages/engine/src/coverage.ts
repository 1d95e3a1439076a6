import type { Definition } from './definition.ts';
import { allEdges, type Edge } from './graph.ts';
import type { SimulationResult } from './simulate.ts';

export interface CoverageReport {
  steps: { total: number; covered: number; missing: string[] };
  edges: { total: number; covered: number; missing: Edge[] };
  /** Task outcomes only: the choices people make. */
  outcomes: { total: number; covered: number; missing: Array<{ step: string; outcome: string }> };
  deadlines: { total: number; covered: number; missing: string[] };
  /** Share of steps, edges and deadlines reached, 0–1. */
  ratio: number;
}

const key = (e: { from: string; to: string; kind: string; label: string }) =>
  `${e.from}|${e.kind}|${e.to}|${e.label}`;

/** Which steps, edges, outcomes and deadlines a set of simulation runs reached. */
export function coverage(definition: Definition, runs: readonly SimulationResult[]): CoverageReport {
  const takenEdges = new Set<string>();
  const reachedSteps = new Set<string>();
  const firedDeadlines = new Set<string>();
  for (const run of runs) {
    if (run.history.length > 0) reachedSteps.add(definition.start);
    for (const step of run.steps) {
      for (const effect of step.effects) {
        if (effect.type === 'edge.taken') {
          takenEdges.add(key(effect));
          reachedSteps.add(effect.to);
        } else if (effect.type === 'task.updated' && effect.reason === 'escalated') {
          firedDeadlines.add(effect.step);
        }
      }
      if (step.event.type === 'timer-fired' && step.event.timer.endsWith('.deadline')) {
        for (const effect of step.effects) {
          if (effect.type === 'edge.taken' && effect.kind === 'deadline') firedDeadlines.add(effect.from);
        }
      }
    }
  }
  const edges = allEdges(definition);
  const missingEdges = edges.filter((e) => !takenEdges.has(key(e)));
  const outcomeEdges = edges.filter((e) => e.kind === 'outcome');
  const missingOutcomes = outcomeEdges
    .filter((e) => !takenEdges.has(key(e)))
    .map((e) => ({ step: e.from, outcome: e.label }));
  const stepIds = Object.keys(definition.steps);
  const missingSteps = stepIds.filter((id) => !reachedSteps.has(id));
  const withDeadline = stepIds.filter((id) => {
    const s = definition.steps[id]!;
    return (s.type === 'task' || s.type === 'wait') && s.deadline !== undefined;
  });
  const missingDeadlines = withDeadline.filter((id) => !firedDeadlines.has(id));
  const total = stepIds.length + edges.length + withDeadline.length;
  const covered = total - missingSteps.length - missingEdges.length - missingDeadlines.length;
  return {
    steps: { total: stepIds.length, covered: stepIds.length - missingSteps.length, missing: missingSteps },
    edges: { total: edges.length, covered: edges.length - missingEdges.length, missing: missingEdges },
    outcomes: {
      total: outcomeEdges.length,
      covered: outcomeEdges.length - missingOutcomes.length,
      missing: missingOutcomes,
    },
    deadlines: {
      total: withDeadline.length,
      covered: withDeadline.length - missingDeadlines.length,
      missing: missingDeadlines,
    },
    ratio: total === 0 ? 1 : covered / total,
  };
}
