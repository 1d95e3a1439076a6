import { type AnyStateMachine, assign, setup } from 'xstate';
import { dueTime } from '../calendar/index.ts';
import type { Definition, Step } from '../definition.ts';
import { addWallDuration } from '../duration.ts';
import { compileExpression, holds } from '../expression/index.ts';
import type { ActiveStep, InstanceContext, Priority, Timer } from '../snapshot.ts';
import { branchSteps } from './regions.ts';
import { type ActionRef, type ContextUpdate, type Targetless, targetlessTable } from './targetless.ts';

/** Events the compiled machine understands. `transition()` builds them after validating the caller's event. */
export type MachineEvent =
  | { type: string; now: string; data?: Record<string, unknown> }
  | {
      type: 'reassign';
      now: string;
      path: string;
      toRole?: string;
      assignee?: string | null;
      due?: string | null;
      priority?: Priority;
    }
  | { type: 'cancel'; now: string };

export interface MachineInput {
  context: InstanceContext;
  now: string;
}

export const JOINED = '__joined';
export const CANCELLED = '__cancelled';

export const completeEventType = (path: string, outcome: string) => `complete:${path}:${outcome}`;
export const signalEventType = (name: string) => `signal:${name}`;
export const endWaitEventType = (path: string) => `end-wait:${path}`;
export const timerEventType = (path: string, kind: 'deadline' | 'wait') => `timer:${path}:${kind}`;
export const endStateId = (step: string) => `end-${step}`;

type StateConfig = Record<string, unknown>;

/** Where an entry action opens a task or wait. */
interface Opening {
  step: string;
  path: string;
}

const EMPTY_CONTEXT: InstanceContext = { data: {}, active: {}, timers: {}, counter: 1 };

/**
 * The time of the event being applied. Set by `transition()` right before it calls XState and read
 * by entry actions: internal events (a parallel step's done event, eventless transitions) carry no
 * time of their own. Everything runs synchronously inside one call, so this is a plain argument
 * passed around XState, not state.
 */
export interface MachineClock {
  now: string;
}

function withoutTimersOf(timers: Record<string, Timer>, token: string): Record<string, Timer> {
  const next: Record<string, Timer> = {};
  for (const [id, timer] of Object.entries(timers)) if (timer.token !== token) next[id] = timer;
  return next;
}

/**
 * Compiles a definition into an XState v5 machine: one state node per step, parallel steps as
 * parallel state nodes with one region per branch, decisions as eventless transitions guarded by
 * parsed expressions, deadlines and waits as timer events. Context holds the open work and timers,
 * so the machine's snapshot is the instance's whole state. The caller must lint first.
 */
export function compileMachine(
  definition: Definition,
  clock: MachineClock,
): { machine: AnyStateMachine; targetless: Targetless } {
  const steps = definition.steps;
  const eventTime = (_event: unknown) => clock.now;

  // The context updates behind the actions below, as plain functions so one action can chain them.
  const openTask = (context: InstanceContext, params: Opening, now: string): Partial<InstanceContext> => {
    if (now === '') return {};
    const step = steps[params.step] as Extract<Step, { type: 'task' }>;
    const token = String(context.counter);
    const due = step.deadline ? dueTime(now, step.deadline, context.calendar) : undefined;
    const item: ActiveStep = {
      token,
      step: params.step,
      kind: 'task',
      path: params.path,
      openedAt: now,
      role: step.role ?? '',
      assignee: null,
      priority: step.priority ?? 'normal',
    };
    if (due !== undefined) item.due = due;
    const timers = { ...context.timers };
    if (due !== undefined) {
      const id = `${token}.deadline`;
      timers[id] = { id, token, step: params.step, path: params.path, kind: 'deadline', due };
    }
    return { active: { ...context.active, [params.path]: item }, timers, counter: context.counter + 1 };
  };
  const openWait = (context: InstanceContext, params: Opening, now: string): Partial<InstanceContext> => {
    if (now === '') return {};
    const step = steps[params.step] as Extract<Step, { type: 'wait' }>;
    const token = String(context.counter);
    const item: ActiveStep = { token, step: params.step, kind: 'wait', path: params.path, openedAt: now };
    if (step.signal !== undefined) item.signal = step.signal;
    const timers = { ...context.timers };
    if (step.for !== undefined) {
      const id = `${token}.wait`;
      const due = addWallDuration(now, step.for);
      item.due = due;
      timers[id] = { id, token, step: params.step, path: params.path, kind: 'wait', due };
    }
    if (step.deadline !== undefined) {
      const id = `${token}.deadline`;
      const due = dueTime(now, step.deadline, context.calendar);
      if (item.due === undefined || due < item.due) item.due = due;
      timers[id] = { id, token, step: params.step, path: params.path, kind: 'deadline', due };
    }
    return { active: { ...context.active, [params.path]: item }, timers, counter: context.counter + 1 };
  };
  const closeItem = (context: InstanceContext, path: string): Partial<InstanceContext> => {
    const item = context.active[path];
    if (!item) return {};
    const { [path]: _closed, ...active } = context.active;
    return { active, timers: withoutTimersOf(context.timers, item.token) };
  };
  const mergeData = (context: InstanceContext, event: unknown): Partial<InstanceContext> => {
    const data = (event as { data?: Record<string, unknown> }).data;
    return data && Object.keys(data).length > 0 ? { data: { ...context.data, ...data } } : {};
  };

  /**
   * Every context update the machine's actions make, as plain functions of (context, event,
   * params): the `assign` actions below wrap them, and replay applies them directly for a
   * targetless transition (see `Targetless`).
   */
  const updates: Record<string, ContextUpdate> = {
    openTask: (context, _event, params) => openTask(context, params as Opening, clock.now),
    openWait: (context, _event, params) => openWait(context, params as Opening, clock.now),
    closeItem: (context, _event, params) => closeItem(context, (params as { path: string }).path),
    /**
     * An outcome (or a deadline) that leads a task or wait back to its own step, as one context
     * update: close the item, merge the form data, open a new one — what exit, `mergeData` and
     * entry would do as three assigns, each of which copies XState's whole snapshot. Long-running
     * instances are mostly such loops, so this is most of replay's work.
     */
    reopen: (context, event, raw) => {
      const params = raw as { step: string; path: string; kind: 'task' | 'wait'; merge: boolean };
      const now = eventTime(event);
      let next: InstanceContext = { ...context, ...closeItem(context, params.path) };
      if (params.merge) next = { ...next, ...mergeData(next, event) };
      const opened = params.kind === 'task' ? openTask(next, params, now) : openWait(next, params, now);
      return { ...next, ...opened };
    },
    escalate: (context, _event, raw) => {
      const params = raw as { path: string; role: string };
      const item = context.active[params.path];
      if (!item) return {};
      const { [`${item.token}.deadline`]: _fired, ...timers } = context.timers;
      const next: ActiveStep = { ...item, role: params.role, assignee: null, escalated: true };
      return { active: { ...context.active, [params.path]: next }, timers };
    },
    mergeData: (context, event) => mergeData(context, event),
    reassign: (context, event) => {
      const e = event as Extract<MachineEvent, { type: 'reassign' }>;
      const item = context.active[e.path];
      if (!item) return {};
      const next: ActiveStep = { ...item };
      if (e.toRole !== undefined && e.toRole !== item.role) {
        next.role = e.toRole;
        if (e.assignee === undefined) next.assignee = null;
      }
      if (e.assignee !== undefined) next.assignee = e.assignee;
      if (e.priority !== undefined) next.priority = e.priority;
      let timers = context.timers;
      if (e.due !== undefined) {
        const id = `${item.token}.deadline`;
        timers = { ...timers };
        if (e.due === null) {
          delete next.due;
          delete timers[id];
        } else {
          next.due = e.due;
          const step = steps[item.step];
          if (timers[id] || (step && 'deadline' in step && step.deadline)) {
            timers[id] = {
              id,
              token: item.token,
              step: item.step,
              path: item.path,
              kind: 'deadline',
              due: e.due,
            };
          }
        }
      }
      return { active: { ...context.active, [e.path]: next }, timers };
    },
  };
  const update = (name: string) =>
    assign<InstanceContext, MachineEvent, unknown, MachineEvent, never>(({ context, event }, params) =>
      updates[name]!(context, event, params),
    );

  const machineSetup = setup({
    types: {} as { context: InstanceContext; events: MachineEvent; input: MachineInput },
    guards: {
      when: ({ context }, params: { source: string }) =>
        holds(compileExpression(params.source), { data: context.data }),
    },
    actions: {
      /** Recorded as an `edge.taken` effect; changes nothing. */
      edge: (_: unknown, _params: { from: string; to: string; kind: string; label: string }) => {},
      openTask: update('openTask'),
      openWait: update('openWait'),
      closeItem: update('closeItem'),
      reopen: update('reopen'),
      escalate: update('escalate'),
      mergeData: update('mergeData'),
      reassign: update('reassign'),
    },
  });

  /** Targetless transitions by event type, for `Targetless`; keys are the handling state's keys from the root. */
  const targetless = new Map<string, { keys: string[]; actions: ActionRef[] }>();
  const noteTargetless = (
    type: string,
    keys: string[],
    transition: { target?: string; actions: unknown[] },
  ) => {
    if (transition.target === undefined)
      targetless.set(type, { keys, actions: transition.actions as ActionRef[] });
    return transition;
  };

  /** States for a set of sibling steps. `join` is set inside a parallel branch. */
  const scope = (ids: string[], prefix: string[], join: string | undefined): Record<string, StateConfig> => {
    const target = (to: string): string => {
      if (join !== undefined && to === join) return JOINED;
      if (prefix.length > 0 && steps[to]?.type === 'end') return `#${endStateId(to)}`;
      return to;
    };
    const edge = (from: string, to: string, kind: string, label: string) => ({
      type: 'edge' as const,
      params: { from, to, kind, label },
    });
    const reopen = (step: string, path: string, kind: 'task' | 'wait', merge: boolean) => ({
      type: 'reopen' as const,
      params: { step, path, kind, merge },
    });
    const states: Record<string, StateConfig> = {};
    for (const id of ids) {
      const step = steps[id];
      if (!step) continue;
      const keys = [...prefix, id];
      const path = keys.join('/');
      const on: Record<string, unknown> = {};
      const deadline = (step.type === 'task' || step.type === 'wait') && step.deadline;
      if (deadline) {
        const label = `after ${deadline.after}`;
        const type = timerEventType(path, 'deadline');
        on[type] = noteTargetless(
          type,
          keys,
          deadline.goTo === id
            ? { actions: [reopen(id, path, step.type, false), edge(id, id, 'deadline', label)] }
            : deadline.goTo !== undefined
              ? { target: target(deadline.goTo), actions: [edge(id, deadline.goTo, 'deadline', label)] }
              : { actions: [{ type: 'escalate', params: { path, role: deadline.escalateTo ?? '' } }] },
        );
      }
      switch (step.type) {
        case 'task':
          for (const [outcome, to] of Object.entries(step.outcomes)) {
            // An outcome that loops back to its own step closes the task and opens a new one: the
            // state is not left, so one action does what exit, `mergeData` and entry would do.
            const type = completeEventType(path, outcome);
            on[type] = noteTargetless(
              type,
              keys,
              to === id
                ? { actions: [reopen(id, path, 'task', true), edge(id, to, 'outcome', outcome)] }
                : { target: target(to), actions: ['mergeData', edge(id, to, 'outcome', outcome)] },
            );
          }
          states[id] = {
            entry: [{ type: 'openTask', params: { step: id, path } }],
            exit: [{ type: 'closeItem', params: { path } }],
            on,
          };
          break;
        case 'wait':
          if (step.signal !== undefined) {
            on[signalEventType(step.signal)] = {
              target: target(step.next),
              actions: ['mergeData', edge(id, step.next, 'next', step.signal)],
            };
          }
          if (step.endEarlyBy !== undefined) {
            on[endWaitEventType(path)] = {
              target: target(step.next),
              actions: [edge(id, step.next, 'next', 'ended early')],
            };
          }
          if (step.for !== undefined) {
            on[timerEventType(path, 'wait')] = {
              target: target(step.next),
              actions: [edge(id, step.next, 'next', step.for)],
            };
          }
          states[id] = {
            entry: [{ type: 'openWait', params: { step: id, path } }],
            exit: [{ type: 'closeItem', params: { path } }],
            on,
          };
          break;
        case 'decision': {
          const always: unknown[] = step.branches.map((b) => ({
            guard: { type: 'when', params: { source: b.when } },
            target: target(b.to),
            actions: [edge(id, b.to, 'branch', b.when)],
          }));
          if (step.otherwise !== undefined) {
            always.push({
              target: target(step.otherwise),
              actions: [edge(id, step.otherwise, 'otherwise', 'otherwise')],
            });
          }
          states[id] = { always };
          break;
        }
        case 'parallel': {
          const regions: Record<string, StateConfig> = {};
          step.branches.forEach((first, i) => {
            const key = `b${i}`;
            const owned = branchSteps(definition, first, step.join);
            const regionStates = scope(owned, [...prefix, id, key], step.join);
            regionStates[JOINED] = { type: 'final' };
            regions[key] = { initial: owned.includes(first) ? first : JOINED, states: regionStates };
          });
          states[id] = {
            type: 'parallel',
            entry: step.branches.map((first, i) => edge(id, first, 'fork', `branch ${i + 1}`)),
            states: regions,
            onDone: { target: target(step.join), actions: [edge(id, step.join, 'join', 'join')] },
          };
          break;
        }
        case 'end':
          states[id] = { type: 'final', id: endStateId(id) };
          break;
      }
    }
    return states;
  };

  const states = scope(Object.keys(steps), [], undefined);
  states[CANCELLED] = { type: 'final' };
  const config = {
    id: 'instance',
    initial: definition.start,
    // XState's pure transition() builds a throwaway actor that computes an initial state without
    // input; answering that cheaply (instead of throwing) keeps every transition fast.
    context: ({ input }: { input?: MachineInput }) => input?.context ?? EMPTY_CONTEXT,
    states,
    on: {
      cancel: { target: `.${CANCELLED}` },
      reassign: noteTargetless('reassign', [], { actions: ['reassign'] }),
    },
  };
  // The generated config is data, so it cannot be typed against the literal action/guard names here.
  const machine = machineSetup.createMachine(config as never) as unknown as AnyStateMachine;
  return { machine, targetless: targetlessTable(machine, targetless, updates) };
}
