import type { Definition, FormField } from '../../src/definition.ts';
import { addWallDuration } from '../../src/duration.ts';
import type { EngineEvent, RecordedEvent } from '../../src/events.ts';
import { compileExpression, paths } from '../../src/expression/index.ts';
import type { InstanceSnapshot } from '../../src/snapshot.ts';
import { transition } from '../../src/transition.ts';

/** Values a random walk may put into instance data for the paths decisions read. */
const POOL: unknown[] = [
  true,
  false,
  0,
  1,
  5,
  12,
  13,
  17,
  18,
  40,
  'billing',
  'refill',
  'clinical',
  'yes',
  'no',
  null,
];

function fieldValue(field: FormField, pick: (n: number) => number): unknown {
  switch (field.type) {
    case 'number':
      return pick(100);
    case 'boolean':
      return pick(2) === 0;
    case 'select':
      return field.options?.[pick(field.options.length)] ?? 'x';
    case 'date':
      return `2026-0${1 + pick(9)}-1${pick(10)}`;
    default:
      return `note ${pick(1000)}`;
  }
}

/** The top-level data keys any decision reads. */
export function decisionKeys(definition: Definition): string[] {
  const keys = new Set<string>();
  for (const step of Object.values(definition.steps)) {
    if (step.type !== 'decision') continue;
    for (const b of step.branches)
      for (const p of paths(compileExpression(b.when))) if (p[0] !== undefined) keys.add(p[0]);
  }
  return [...keys];
}

/**
 * A random walk over an instance driven by `pick` (so fast-check controls it): complete a random
 * open task with a random outcome and valid form data, deliver an awaited signal, claim or move a
 * task, or let the clock run to the next timer. Returns the recorded history and final snapshot.
 */
export function randomWalk(
  definition: Definition,
  pick: (n: number) => number,
  options: { maxEvents: number; start: string; calendar?: unknown },
): { history: RecordedEvent[]; snapshot: InstanceSnapshot | null } {
  // Start data carries only start-form fields, and none a step owns; a completion writes only its
  // form's fields and a signal nothing (the engine refuses anything else).
  const owned = new Set(
    Object.values(definition.steps).flatMap((s) =>
      s.type === 'task' ? (s.form ?? []).filter((f) => f.ownership === 'owned').map((f) => f.id) : [],
    ),
  );
  const startForm = (definition.intake?.form ?? []).filter((f) => !owned.has(f.id));
  const randomData = (allowed: readonly string[]) =>
    Object.fromEntries(allowed.filter(() => pick(2) === 0).map((k) => [k, POOL[pick(POOL.length)]]));
  const history: RecordedEvent[] = [];
  let now = options.start;
  let snapshot: InstanceSnapshot | null = null;
  const apply = (event: EngineEvent) => {
    const result = transition(definition, snapshot, event, now);
    if (!result.ok) return false;
    snapshot = result.snapshot;
    history.push({ at: now, event });
    return true;
  };
  const startData: Record<string, unknown> = {};
  for (const field of startForm)
    if (field.required || pick(2) === 0) startData[field.id] = fieldValue(field, pick);
  const start: EngineEvent = { type: 'start', data: startData };
  if (options.calendar !== undefined) start.calendar = options.calendar;
  // A walk that cannot start would pass every check vacuously.
  if (!apply(start)) throw new Error(`${definition.id}: the random walk's start was refused`);
  for (
    let i = 0;
    i < options.maxEvents && snapshot !== null && (snapshot as InstanceSnapshot).status === 'active';
    i++
  ) {
    const s = snapshot as InstanceSnapshot;
    const active = Object.values(s.context.active);
    const tasks = active.filter((a) => a.kind === 'task');
    const waits = active.filter((a) => a.kind === 'wait' && a.signal !== undefined);
    const timers = Object.values(s.context.timers).sort((a, b) =>
      a.due < b.due ? -1 : a.due > b.due ? 1 : a.id.localeCompare(b.id),
    );
    const choice = pick(10);
    if (choice < 6 && tasks.length > 0) {
      const task = tasks[pick(tasks.length)]!;
      const step = definition.steps[task.step];
      if (step?.type !== 'task') continue;
      const outcomes = Object.keys(step.outcomes);
      const declared = (step.form ?? []).map((f) => f.id);
      const data: Record<string, unknown> = randomData(
        decisionKeys(definition).filter((k) => declared.includes(k)),
      );
      for (const field of step.form ?? [])
        if (field.required || pick(2) === 0) data[field.id] = fieldValue(field, pick);
      apply({
        type: 'complete',
        step: task.step,
        token: task.token,
        outcome: outcomes[pick(outcomes.length)]!,
        role: task.role ?? '',
        data,
      });
    } else if (choice < 7 && waits.length > 0) {
      apply({ type: 'signal', name: waits[pick(waits.length)]!.signal! });
    } else if (choice < 8 && tasks.length > 0) {
      const task = tasks[pick(tasks.length)]!;
      const roles = definition.roles.map((r) => r.id);
      const event: EngineEvent =
        pick(2) === 0
          ? { type: 'reassign', token: task.token, assignee: pick(3) === 0 ? null : `user-${pick(5)}` }
          : { type: 'reassign', token: task.token, toRole: roles[pick(roles.length)]!, priority: 'high' };
      apply(event);
    } else if (timers.length > 0) {
      const timer = timers[0]!;
      if (timer.due > now) now = timer.due;
      apply({ type: 'timer-fired', timer: timer.id });
    } else {
      now = addWallDuration(now, `PT${1 + pick(48)}H`);
    }
  }
  return { history, snapshot };
}
