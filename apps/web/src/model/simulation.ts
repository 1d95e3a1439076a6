import type { Definition, FormField, ScriptEvent, SimulationResult } from '@portalflow/engine';
import {
  askedFields,
  compilePattern,
  DEFAULT_SIMULATION_START,
  PortalflowError,
  simulate,
} from '@portalflow/engine';

/** A browser simulation: the script so far is the state; the engine replays it on each step. */
export interface SimAction {
  kind: 'complete' | 'signal';
  step: string;
  role?: string;
  token: string;
  outcomes: string[];
  signal?: string;
}

/** Runs the script; a workflow the engine cannot compile (lint errors) comes back as an error result. */
export function runScript(
  definition: Definition,
  script: readonly ScriptEvent[],
  /** The clinic calendar business-time deadlines count in (the engine's default when absent). */
  calendar?: unknown,
  /** When the run starts (the engine's fixed clinic morning when absent). */
  start?: string,
): SimulationResult {
  try {
    return simulate(definition, script, {
      ...(calendar == null ? {} : { calendar }),
      ...(start === undefined ? {} : { start }),
    });
  } catch (error) {
    const code = error instanceof PortalflowError ? error.code : 'SIMULATION_FAILED';
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      steps: [],
      history: [],
      snapshot: null,
      clock: start ?? DEFAULT_SIMULATION_START,
      error: { index: 0, event: script[0] ?? { type: 'start' }, code, message },
    };
  }
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

export function completeEvent(
  action: SimAction,
  outcome: string,
  data?: Record<string, unknown>,
): ScriptEvent {
  const event: ScriptEvent = {
    type: 'complete',
    step: action.step,
    outcome,
    role: action.role ?? 'simulator',
  };
  if (action.token) event.token = action.token;
  if (data && Object.keys(data).length > 0) event.data = data;
  return event;
}

/** Plausible answers for a task's form, so a practice run can go on with one click. */
export function sampleFormData(fields: readonly FormField[] | undefined): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  // A worked-out field is never answered: the engine refuses an answer for it.
  for (const f of askedFields(fields)) {
    if (f.type === 'select') data[f.id] = f.options?.[0] ?? '';
    else if (f.type === 'boolean') data[f.id] = false;
    else if (f.type === 'number') data[f.id] = Math.min(Math.max(1, f.min ?? 1), f.max ?? 1);
    else if (f.type === 'date') data[f.id] = DEFAULT_SIMULATION_START.slice(0, 10);
    else {
      const text = sampleText(f);
      if (text !== undefined) data[f.id] = text;
    }
  }
  return data;
}

/**
 * A text answer that fits the field's pattern: the example its hint gives ("… such as DEMO-5001"),
 * one word of the hint, or "example"; none when nothing fits (the person running it types one).
 */
function sampleText(field: FormField): string | undefined {
  if (field.pattern === undefined) return 'example';
  const compiled = compilePattern(field.pattern);
  if (!compiled.ok) return 'example';
  const hint = field.patternHint ?? '';
  const after = /(?:such as|e\.g\.|like|for example)\s+(.+)$/i.exec(hint)?.[1];
  const candidates = [...(after ? [after.split(/,\s/)[0]!.trim()] : []), ...hint.split(/[\s,;]+/), 'example'];
  return candidates.find((c) => c !== '' && compiled.test(c));
}
