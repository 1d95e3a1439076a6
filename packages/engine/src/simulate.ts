import { z } from 'zod';
import type { Definition } from './definition.ts';
import { IsoDuration } from './definition.ts';
import { addWallDuration } from './duration.ts';
import type { Effect } from './effects.ts';
import { PortalflowError } from './errors.ts';
import {
  CancelEventSchema,
  CompleteEventSchema,
  type EngineEvent,
  ReassignEventSchema,
  type RecordedEvent,
  SignalEventSchema,
  StartEventSchema,
  TimerFiredEventSchema,
} from './events.ts';
import type { InstanceSnapshot } from './snapshot.ts';
import { transition } from './transition.ts';

/** A simulated clock move: timers falling due on the way fire, in order, at their due time. */
export const AdvanceEventSchema = z.object({ type: z.literal('advance'), by: IsoDuration }).strict();
const ScriptStartSchema = StartEventSchema.extend({
  at: z.iso.datetime({ offset: true }).optional(),
}).strict();

export const ScriptEventSchema = z.discriminatedUnion('type', [
  ScriptStartSchema,
  CompleteEventSchema,
  SignalEventSchema,
  TimerFiredEventSchema,
  ReassignEventSchema,
  CancelEventSchema,
  AdvanceEventSchema,
]);
export const ScriptSchema = z.array(ScriptEventSchema).max(100_000);
export type ScriptEvent = z.infer<typeof ScriptEventSchema>;

/** Monday 2 March 2026, 09:00 in Denver: a clinic morning. */
export const DEFAULT_SIMULATION_START = '2026-03-02T16:00:00.000Z';

export interface SimulationOptions {
  start?: string;
  calendar?: unknown;
  data?: Record<string, unknown>;
}

export interface ActiveView {
  token: string;
  step: string;
  kind: 'task' | 'wait';
  role?: string;
  assignee?: string | null;
  due?: string;
}

export interface SimulationStep {
  /** Index of the script event that caused it (timers fired by an `advance` share its index). */
  index: number;
  event: EngineEvent;
  at: string;
  effects: Effect[];
  active: ActiveView[];
  status: InstanceSnapshot['status'];
}

export interface SimulationResult {
  ok: boolean;
  steps: SimulationStep[];
  /** The recorded history, replayable with `replay()`. */
  history: RecordedEvent[];
  snapshot: InstanceSnapshot | null;
  clock: string;
  error?: { index: number; event: ScriptEvent; code: string; message: string };
}

export function parseScript(input: unknown): ScriptEvent[] {
  const parsed = ScriptSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.join('.') ?? '';
    throw new PortalflowError('EVENT_INVALID', `Script event ${path}: ${issue?.message}`, {
      issues: parsed.error.issues,
    });
  }
  return parsed.data;
}

export function activeView(snapshot: InstanceSnapshot | null): ActiveView[] {
  if (!snapshot) return [];
  return Object.values(snapshot.context.active)
    .map((a) => {
      const view: ActiveView = { token: a.token, step: a.step, kind: a.kind };
      if (a.role !== undefined) view.role = a.role;
      if (a.assignee !== undefined) view.assignee = a.assignee;
      if (a.due !== undefined) view.due = a.due;
      return view;
    })
    .sort((x, y) => Number(x.token) - Number(y.token));
}

/**
 * Runs a definition over a scripted event list on a simulated clock. Stops at the first event the
 * engine rejects and reports why; everything before it is kept.
 */
export function simulate(
  definition: Definition,
  script: readonly ScriptEvent[],
  options: SimulationOptions = {},
): SimulationResult {
  let clock = new Date(Date.parse(options.start ?? DEFAULT_SIMULATION_START)).toISOString();
  let snapshot: InstanceSnapshot | null = null;
  const steps: SimulationStep[] = [];
  const history: RecordedEvent[] = [];
  const result = (error?: SimulationResult['error']): SimulationResult => {
    const r: SimulationResult = { ok: !error, steps, history, snapshot, clock };
    if (error) r.error = error;
    return r;
  };
  const apply = (index: number, event: EngineEvent, at: string): PortalflowError | undefined => {
    const outcome = transition(definition, snapshot, event, at);
    if (!outcome.ok) return outcome.error;
    snapshot = outcome.snapshot;
    history.push({ at, event });
    steps.push({
      index,
      event,
      at,
      effects: outcome.effects,
      active: activeView(snapshot),
      status: snapshot.status,
    });
    return undefined;
  };

  const events = [...script];
  if (events[0]?.type !== 'start') {
    const start: ScriptEvent = { type: 'start' };
    if (options.data) start.data = options.data;
    events.unshift(start);
  }
  for (let index = 0; index < events.length; index++) {
    const scripted = events[index]!;
    if (scripted.type === 'advance') {
      const target = addWallDuration(clock, scripted.by);
      for (;;) {
        const timers: Array<{ id: string; due: string }> =
          snapshot && (snapshot as InstanceSnapshot).status === 'active'
            ? Object.values((snapshot as InstanceSnapshot).context.timers)
            : [];
        const next = timers
          .filter((t) => t.due <= target)
          .sort((a, b) => (a.due === b.due ? a.id.localeCompare(b.id) : a.due < b.due ? -1 : 1))[0];
        if (!next) break;
        const at = next.due > clock ? next.due : clock;
        clock = at;
        const error = apply(index, { type: 'timer-fired', timer: next.id }, at);
        if (error) return result({ index, event: scripted, code: error.code, message: error.message });
      }
      clock = target;
      continue;
    }
    let event: EngineEvent = scripted;
    if (scripted.type === 'start') {
      const { at, ...start } = scripted;
      if (at !== undefined) clock = new Date(Date.parse(at)).toISOString();
      event = { ...start };
      if (options.calendar !== undefined && start.calendar === undefined) event.calendar = options.calendar;
      if (options.data && start.data === undefined) event.data = options.data;
    }
    const error = apply(index, event, clock);
    if (error) return result({ index, event: scripted, code: error.code, message: error.message });
  }
  return result();
}
