import type { Definition, ScriptEvent, SimulationResult } from '@portalflow/engine';
import { simulate } from '@portalflow/engine';

/** A browser simulation: the script so far is the state; the engine replays it on each step. */
export interface SimAction {
  kind: 'complete' | 'signal';
  step: string;
  role?: string;
  token: string;
  outcomes: string[];
  signal?: string;
}

export function runScript(definition: Definition, script: readonly ScriptEvent[]): SimulationResult {
  return simulate(definition, script);
}

/** What can be done next: pick an outcome for an open task, send the signal a wait expects. */
export function actionsOf(definition: Definition, result: SimulationResult): SimAction[] {
  const snapshot = result.snapshot;
  if (snapshot?.status !== 'active') return [];
  return Object.values(snapshot.context.active)
    .sort((a, b) => Number(a.token) - Number(b.token))
    .map((a) => {
      const step = definition.steps[a.step];
      const action: SimAction = {
        kind: a.kind === 'task' ? 'complete' : 'signal',
        step: a.step,
        token: a.token,
        outcomes: step?.type === 'task' ? Object.keys(step.outcomes) : [],
      };
      if (a.role !== undefined) action.role = a.role;
      const signal = a.signal ?? (step?.type === 'wait' ? step.signal : undefined);
      if (signal !== undefined) action.signal = signal;
      return action;
    });
}

/** Steps open now, steps passed and arrows taken: what the diagram highlights. */
export function highlightOf(definition: Definition, result: SimulationResult) {
  const active = result.snapshot ? Object.values(result.snapshot.context.active).map((a) => a.step) : [];
  const visited = new Set<string>();
  const edges: Array<{ from: string; to: string }> = [];
  if (result.history.length > 0 && definition.steps[definition.start]) visited.add(definition.start);
  for (const step of result.steps) {
    for (const effect of step.effects) {
      if (effect.type === 'edge.taken') {
        visited.add(effect.from);
        visited.add(effect.to);
        edges.push({ from: effect.from, to: effect.to });
      }
    }
  }
  if (result.snapshot?.end) visited.add(result.snapshot.end.step);
  return { active, visited: [...visited], edges };
}

export function completeEvent(action: SimAction, outcome: string): ScriptEvent {
  const event: ScriptEvent = {
    type: 'complete',
    step: action.step,
    outcome,
    role: action.role ?? 'simulator',
  };
  if (action.token) event.token = action.token;
  return event;
}
