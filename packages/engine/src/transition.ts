import type { AnyMachineSnapshot } from 'xstate';
import { clinicDay, parseCalendar } from './calendar/index.ts';
import { canonicalJson } from './canonical.ts';
import { compile } from './compile/compile.ts';
import {
  CANCELLED,
  completeEventType,
  endWaitEventType,
  type MachineEvent,
  signalEventType,
  timerEventType,
} from './compile/machine.ts';
import { askedFields, computedAnswered, computedValues } from './computed.ts';
import type { Definition } from './definition.ts';
import type { CloseReason, DataChanges, Effect, TaskChanges } from './effects.ts';
import { PortalflowError } from './errors.ts';
import type { EngineEvent } from './events.ts';
import { rescheduled } from './reschedule.ts';
import type { ActiveStep, InstanceContext, InstanceSnapshot } from './snapshot.ts';
import { validateForm } from './validate-form.ts';
import { checkWrites } from './writes.ts';

export type TransitionResult =
  | { ok: true; snapshot: InstanceSnapshot; effects: Effect[] }
  | { ok: false; error: PortalflowError; snapshot: InstanceSnapshot | null };

/**
 * The XState snapshot behind a snapshot this module returned, kept on a hidden symbol property so
 * the next transition need not re-resolve it. Invisible to JSON, `canonicalJson` and
 * `structuredClone`; a snapshot read back from storage simply resolves again. (A WeakMap did the
 * same at several times the garbage-collection cost.)
 */
const MACHINE = Symbol('portalflow.machineSnapshot');
const resolvedOf = (snapshot: InstanceSnapshot): AnyMachineSnapshot | undefined =>
  (snapshot as unknown as { [MACHINE]?: AnyMachineSnapshot })[MACHINE];

const fail = (
  snapshot: InstanceSnapshot | null,
  code: PortalflowError['code'],
  message: string,
  details?: unknown,
) => ({
  ok: false as const,
  error: new PortalflowError(code, message, details),
  snapshot,
});

/** `2026-03-02T16:00:00.000Z`: already canonical, no need to parse (replay passes these by the thousand). */
const CANONICAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function normaliseTime(now: string): string | undefined {
  if (typeof now === 'string' && now.length === 24 && CANONICAL_TIME.test(now)) return now;
  const ms = Date.parse(now);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/**
 * The pure step function: given a definition, an instance snapshot (null before start), an event
 * and the time it happens, returns the next snapshot and the effects to perform — or a typed
 * error, leaving the snapshot unchanged. No clock, no I/O: same inputs, same outputs.
 */
export function transition(
  definition: Definition,
  snapshot: InstanceSnapshot | null,
  event: EngineEvent,
  now: string,
): TransitionResult {
  return step(definition, snapshot, event, now, { effects: true, admit: true });
}

export interface StepOptions {
  /** Work out the effects (replay without a check of recorded effects skips them). */
  effects: boolean;
  /** Carries the machine snapshot from one event to the next instead of looking it up. */
  carry?: { machine?: AnyMachineSnapshot };
  /**
   * Check which data the event may write (`writes.ts`). Set for a new event; replay applies a
   * recorded event as it was accepted, so a history from before a rule existed still replays.
   */
  admit?: boolean;
}

/** `transition()` for new events and for replay (see `StepOptions`). */
export function step(
  definition: Definition,
  snapshot: InstanceSnapshot | null,
  event: EngineEvent,
  now: string,
  options: StepOptions,
): TransitionResult {
  const { effects: withEffects, carry, admit = false } = options;
  const at = normaliseTime(now);
  if (at === undefined) return fail(snapshot, 'EVENT_INVALID', `'${now}' is not a valid time`);
  if (!event || typeof event !== 'object' || typeof event.type !== 'string') {
    return fail(snapshot, 'EVENT_INVALID', 'An event needs a type');
  }
  const { machine, clock, scope, targetless } = compile(definition);

  if (snapshot === null) {
    if (event.type !== 'start')
      return fail(null, 'NOT_STARTED', `The instance has not started; '${event.type}' needs a start first`);
    const refused = admit ? checkWrites(definition, undefined, event.data) : undefined;
    if (refused) return { ok: false, error: refused, snapshot: null };
    let calendar: InstanceContext['calendar'];
    if (event.calendar !== undefined) {
      try {
        calendar = parseCalendar(event.calendar);
      } catch (error) {
        if (error instanceof PortalflowError) return { ok: false, error, snapshot: null };
        throw error;
      }
    }
    const context: InstanceContext = { data: { ...(event.data ?? {}) }, active: {}, timers: {}, counter: 1 };
    if (calendar) context.calendar = calendar;
    // What XState's pure initialTransition() does, with the compiled workflow's reusable scope.
    const actions: Array<{ type: string; params?: unknown }> = [];
    scope.actionExecutor = withEffects ? (action) => void actions.push(action) : ignore;
    let next: AnyMachineSnapshot;
    clock.now = at;
    try {
      next = machine.getInitialSnapshot(scope, { context, now: at }) as AnyMachineSnapshot;
    } finally {
      clock.now = '';
    }
    if (carry) carry.machine = next;
    return finish(definition, null, next, actions, event, at, undefined, withEffects, carry === undefined);
  }

  if (event.type === 'start') return fail(snapshot, 'ALREADY_STARTED', 'The instance has already started');
  if (snapshot.status !== 'active') {
    return fail(
      snapshot,
      'INSTANCE_ENDED',
      `The instance has ${snapshot.status === 'done' ? 'ended' : 'been cancelled'}`,
    );
  }
  if (at < snapshot.updatedAt) {
    return fail(
      snapshot,
      'TIME_WENT_BACKWARDS',
      `Event time ${at} is before the instance's last change ${snapshot.updatedAt}`,
    );
  }

  if (event.type === 'calendar-changed') {
    // Only the context changes (no step is entered or left), so no XState macrostep is needed.
    let calendar: ReturnType<typeof parseCalendar>;
    try {
      calendar = parseCalendar(event.calendar);
    } catch (error) {
      if (error instanceof PortalflowError) return { ok: false, error, snapshot };
      throw error;
    }
    const context = rescheduled(definition, snapshot.context, calendar);
    const next = machine.resolveState({ value: snapshot.value as never, context }) as AnyMachineSnapshot;
    if (carry) carry.machine = next;
    return finish(definition, snapshot, next, [], event, at, undefined, withEffects, carry === undefined);
  }

  const ctx = snapshot.context;
  let machineEvent: MachineEvent;
  let subject: ActiveStep | undefined;
  switch (event.type) {
    case 'complete': {
      const found = findTask(snapshot, event.step, event.token);
      if ('error' in found) return found.error;
      subject = found.item;
      const step = definition.steps[subject.step];
      if (step?.type !== 'task')
        return fail(snapshot, 'STEP_NOT_ACTIVE', `Step '${event.step}' is not a task`);
      if (event.role !== subject.role) {
        return fail(
          snapshot,
          'WRONG_ROLE',
          `Step '${event.step}' is owned by role '${subject.role}', not '${event.role}'`,
          {
            expected: subject.role,
          },
        );
      }
      if (subject.assignee && event.actor !== undefined && event.actor !== subject.assignee) {
        return fail(snapshot, 'NOT_ASSIGNEE', `Step '${event.step}' is assigned to someone else`);
      }
      if (!Object.hasOwn(step.outcomes, event.outcome)) {
        return fail(
          snapshot,
          'UNKNOWN_OUTCOME',
          `Step '${event.step}' has no outcome '${event.outcome}'; choose one of: ${Object.keys(step.outcomes).join(', ')}`,
          { allowed: Object.keys(step.outcomes) },
        );
      }
      const refused = admit ? checkWrites(definition, subject.step, event.data) : undefined;
      if (refused) return { ok: false, error: refused, snapshot };
      // The clinic's date, read only by date ranges and computed fields: most forms have neither, and
      // this runs per completion.
      const today = step.form?.some((f) => f.dateRange || f.computed)
        ? clinicDay(at, snapshot.context.calendar)
        : undefined;
      const fieldErrors = [
        ...validateForm(askedFields(step.form), event.data, event.outcome, today),
        ...computedAnswered(step.form, event.data),
      ];
      if (fieldErrors.length > 0) {
        return fail(
          snapshot,
          'FORM_INVALID',
          `The form for '${event.step}' is not complete: ${fieldErrors[0]?.message}`,
          {
            fields: fieldErrors,
          },
        );
      }
      machineEvent = {
        type: completeEventType(subject.path, event.outcome),
        now: at,
        // What the engine works out is written with the answers it is worked out from.
        data:
          today === undefined
            ? (event.data ?? {})
            : { ...event.data, ...computedValues(step.form, event.data, today) },
      };
      break;
    }
    case 'signal': {
      const waiting = Object.values(ctx.active).filter((a) => a.kind === 'wait' && a.signal === event.name);
      if (waiting.length === 0)
        return fail(snapshot, 'SIGNAL_NOT_AWAITED', `No step is waiting for signal '${event.name}'`);
      // The data is the signalled wait's; with one wait that is the step the audit trail names.
      if (waiting.length === 1) subject = waiting[0];
      const refused = admit ? checkWrites(definition, waiting[0]!.step, event.data) : undefined;
      if (refused) return { ok: false, error: refused, snapshot };
      machineEvent = { type: signalEventType(event.name), now: at, data: event.data ?? {} };
      break;
    }
    case 'end-wait': {
      const item = Object.values(ctx.active).find((a) => a.kind === 'wait' && a.token === event.token);
      if (!item) return fail(snapshot, 'STEP_NOT_ACTIVE', `Nothing waits as '${event.token}' any more`);
      const step = definition.steps[item.step];
      const allowed = step?.type === 'wait' ? step.endEarlyBy : undefined;
      if (allowed === undefined || allowed !== event.role) {
        return fail(
          snapshot,
          'WRONG_ROLE',
          allowed === undefined
            ? `Nobody may end '${item.step}' early: it waits for its signal or its time`
            : `Only role '${allowed}' may end '${item.step}' early, not '${event.role}'`,
          { expected: allowed ?? null },
        );
      }
      if (admit && event.reason.trim() === '')
        return fail(snapshot, 'EVENT_INVALID', 'Say in words why the wait ends early');
      subject = item;
      machineEvent = { type: endWaitEventType(item.path), now: at };
      break;
    }
    case 'timer-fired': {
      const timer = ctx.timers[event.timer];
      if (!timer)
        return fail(
          snapshot,
          'UNKNOWN_TIMER',
          `Timer '${event.timer}' is not set (already fired or cleared)`,
        );
      if (at < timer.due && event.early !== true)
        return fail(snapshot, 'TIMER_NOT_DUE', `Timer '${event.timer}' is due at ${timer.due}, not ${at}`);
      subject = ctx.active[timer.path];
      machineEvent = { type: timerEventType(timer.path, timer.kind), now: at };
      break;
    }
    case 'reassign': {
      if (event.step === undefined && event.token === undefined) {
        return fail(snapshot, 'EVENT_INVALID', 'A reassign names the step or the task token');
      }
      const found = findTask(snapshot, event.step, event.token);
      if ('error' in found) return found.error;
      subject = found.item;
      if (event.toRole !== undefined && !definition.roles.some((r) => r.id === event.toRole)) {
        return fail(
          snapshot,
          'UNKNOWN_ROLE',
          `Role '${event.toRole}' is not declared in workflow '${definition.id}'`,
        );
      }
      const due = event.due === undefined || event.due === null ? event.due : normaliseTime(event.due);
      machineEvent = { type: 'reassign', now: at, path: subject.path };
      if (event.toRole !== undefined) machineEvent.toRole = event.toRole;
      if (event.assignee !== undefined) machineEvent.assignee = event.assignee;
      if (due !== undefined) machineEvent.due = due;
      if (event.priority !== undefined) machineEvent.priority = event.priority;
      break;
    }
    case 'cancel':
      machineEvent = { type: 'cancel', now: at };
      break;
    default:
      return fail(snapshot, 'EVENT_INVALID', `Unknown event type '${(event as { type: string }).type}'`);
  }

  let current = carry?.machine ?? resolvedOf(snapshot);
  if (!current) {
    current = machine.resolveState({ value: snapshot.value as never, context: snapshot.context });
  }
  // What XState's pure transition() does, with the compiled workflow's reusable scope. The actions
  // it reports only become effects, so replay without effects need not collect them.
  const actions: Array<{ type: string; params?: unknown }> = [];
  scope.actionExecutor = withEffects ? (action) => void actions.push(action) : ignore;
  let next: AnyMachineSnapshot | undefined;
  clock.now = at;
  try {
    // Replay without effects applies a targetless transition (most of a long history) directly.
    if (!withEffects) next = targetless.apply(current, machineEvent);
    next ??= machine.transition(current, machineEvent as never, scope) as AnyMachineSnapshot;
  } finally {
    clock.now = '';
  }
  if (carry) carry.machine = next;
  return finish(definition, snapshot, next, actions, event, at, subject, withEffects, carry === undefined);
}

const ignore = () => {};

function findTask(
  snapshot: InstanceSnapshot,
  step: string | undefined,
  token: string | undefined,
): { item: ActiveStep } | { error: ReturnType<typeof fail> } {
  // A loop rather than filter(): replay asks this for most events, and one match is the rule.
  let found: ActiveStep | undefined;
  let matches: ActiveStep[] | undefined;
  const active = snapshot.context.active;
  for (const path in active) {
    const a = active[path]!;
    if (
      a.kind !== 'task' ||
      (step !== undefined && a.step !== step) ||
      (token !== undefined && a.token !== token)
    )
      continue;
    if (found === undefined) found = a;
    else {
      matches ??= [found];
      matches.push(a);
    }
  }
  if (found !== undefined && matches === undefined) return { item: found };
  return findTaskError(snapshot, step, token, matches ?? []);
}

/** `findTask` found no task, or several. */
function findTaskError(
  snapshot: InstanceSnapshot,
  step: string | undefined,
  token: string | undefined,
  matches: ActiveStep[],
): { error: ReturnType<typeof fail> } {
  if (matches.length === 0) {
    return {
      error: fail(
        snapshot,
        'STEP_NOT_ACTIVE',
        `Step '${step ?? token}' is not waiting for anyone in this instance`,
      ),
    };
  }
  return {
    error: fail(
      snapshot,
      'STEP_AMBIGUOUS',
      `Step '${step}' is open ${matches.length} times; name the task token`,
      {
        tokens: matches.map((m) => m.token),
      },
    ),
  };
}

/** The fields whose value differs, old → new; undefined when none does. */
function dataChanges(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): DataChanges | undefined {
  if (before === after) return undefined;
  let changes: DataChanges | undefined;
  for (const [key, value] of Object.entries(after)) {
    const old = Object.hasOwn(before, key) ? before[key] : undefined;
    if (old === value) continue;
    if (old !== undefined && typeof old === 'object' && canonicalJson(old) === canonicalJson(value)) continue;
    changes ??= {};
    changes[key] = [old ?? null, value ?? null];
  }
  return changes;
}

function closeReason(
  event: EngineEvent,
  item: ActiveStep,
  subject: ActiveStep | undefined,
  status: string,
): CloseReason {
  if (status === 'cancelled') return 'cancelled';
  if (subject && item.token === subject.token) {
    if (event.type === 'complete') return 'completed';
    if (event.type === 'end-wait') return 'ended-early';
    if (event.type === 'timer-fired')
      return item.kind === 'wait' && !event.timer.endsWith('.deadline') ? 'elapsed' : 'deadline';
  }
  if (event.type === 'signal' && item.kind === 'wait' && item.signal === event.name) return 'signalled';
  return 'ended';
}

function finish(
  definition: Definition,
  previous: InstanceSnapshot | null,
  next: AnyMachineSnapshot,
  actions: Array<{ type: string; params?: unknown }>,
  event: EngineEvent,
  at: string,
  subject: ActiveStep | undefined,
  withEffects: boolean,
  remember: boolean,
): TransitionResult {
  if (next.status === 'error') {
    // An action failed inside XState (e.g. a deadline that cannot be computed): refuse the event.
    const cause = next.error instanceof PortalflowError ? next.error : undefined;
    return fail(
      previous,
      cause?.code ?? 'EVENT_INVALID',
      `The event could not be applied: ${(next.error as Error)?.message ?? 'unknown error'}`,
    );
  }
  const context = next.context as InstanceContext;
  const value = next.value as unknown;
  let status: InstanceSnapshot['status'] = 'active';
  let end: InstanceSnapshot['end'];
  if (next.status === 'done') {
    if (value === CANCELLED) status = 'cancelled';
    else {
      status = 'done';
      const step = String(value);
      const endStep = definition.steps[step];
      end = { step };
      if (endStep?.type === 'end' && endStep.outcome !== undefined) end.outcome = endStep.outcome;
    }
  }

  const effects = withEffects ? effectsOf(previous, context, actions, event, subject, status, end) : [];

  const snapshot: InstanceSnapshot = {
    definitionId: definition.id,
    status,
    value,
    context,
    seq: (previous?.seq ?? 0) + 1,
    startedAt: previous?.startedAt ?? at,
    updatedAt: at,
  };
  if (end) snapshot.end = end;
  if (status === 'active' && remember) Object.defineProperty(snapshot, MACHINE, { value: next });
  return { ok: true, snapshot, effects };
}

function effectsOf(
  previous: InstanceSnapshot | null,
  context: InstanceContext,
  actions: Array<{ type: string; params?: unknown }>,
  event: EngineEvent,
  subject: ActiveStep | undefined,
  status: InstanceSnapshot['status'],
  end: InstanceSnapshot['end'],
): Effect[] {
  const effects: Effect[] = [];
  const data = dataChanges(previous?.context.data ?? {}, context.data);
  if (data) {
    const changed: Effect = { type: 'data.changed', changes: data };
    if (subject && event.type !== 'timer-fired') {
      changed.step = subject.step;
      changed.token = subject.token;
    }
    effects.push(changed);
  }
  for (const action of actions) {
    if (action.type === 'edge')
      effects.push({
        type: 'edge.taken',
        ...(action.params as { from: string; to: string; kind: string; label: string }),
      });
  }
  const before = previous?.context.active ?? {};
  const beforeByToken = new Map(Object.values(before).map((a) => [a.token, a]));
  const afterByToken = new Map(Object.values(context.active).map((a) => [a.token, a]));
  for (const [token, item] of beforeByToken) {
    if (afterByToken.has(token)) continue;
    const reason = closeReason(event, item, subject, status);
    if (item.kind === 'task') {
      const closed: Effect = { type: 'task.closed', token, step: item.step, role: item.role ?? '', reason };
      if (reason === 'completed' && event.type === 'complete') closed.outcome = event.outcome;
      effects.push(closed);
    } else effects.push({ type: 'wait.closed', token, step: item.step, reason });
  }
  for (const [token, item] of afterByToken) {
    const old = beforeByToken.get(token);
    if (!old) {
      if (item.kind === 'task') {
        const opened: Effect = {
          type: 'task.opened',
          token,
          step: item.step,
          role: item.role ?? '',
          priority: item.priority ?? 'normal',
        };
        if (item.due !== undefined) opened.due = item.due;
        effects.push(opened);
      } else {
        const opened: Effect = { type: 'wait.opened', token, step: item.step };
        if (item.signal !== undefined) opened.signal = item.signal;
        effects.push(opened);
      }
      continue;
    }
    if (old === item) continue;
    const changes: TaskChanges = {};
    if (old.role !== item.role) changes.role = [old.role, item.role];
    if (old.assignee !== item.assignee) changes.assignee = [old.assignee, item.assignee];
    if (old.due !== item.due) changes.due = [old.due, item.due];
    if (old.priority !== item.priority) changes.priority = [old.priority, item.priority];
    if (Object.keys(changes).length > 0) {
      effects.push({
        type: 'task.updated',
        token,
        step: item.step,
        reason:
          event.type === 'timer-fired'
            ? 'escalated'
            : event.type === 'calendar-changed'
              ? 'rescheduled'
              : 'reassigned',
        changes,
      });
    }
  }
  const timersBefore = previous?.context.timers ?? {};
  for (const id of Object.keys(timersBefore)) {
    if (!context.timers[id]) effects.push({ type: 'timer.cleared', id });
  }
  for (const [id, timer] of Object.entries(context.timers)) {
    const old = timersBefore[id];
    if (!old || old.due !== timer.due) {
      effects.push({
        type: 'timer.set',
        id,
        token: timer.token,
        step: timer.step,
        kind: timer.kind,
        due: timer.due,
      });
    }
  }
  if (status === 'done' && end) {
    const ended: Effect = { type: 'instance.ended', step: end.step };
    if (end.outcome !== undefined) ended.outcome = end.outcome;
    effects.push(ended);
  }
  if (status === 'cancelled') {
    const cancelled: Effect = { type: 'instance.cancelled' };
    if (event.type === 'cancel' && event.reason !== undefined) cancelled.reason = event.reason;
    effects.push(cancelled);
  }

  return effects;
}
