import { dueTime } from './calendar/business.ts';
import type { Calendar } from './calendar/types.ts';
import type { Definition } from './definition.ts';
import type { InstanceContext } from './snapshot.ts';

/**
 * The context after the clinic's hours changed: later steps count in the new calendar, and each
 * open business-hours deadline still where the old calendar put it is counted again from when its
 * step opened (a closed day added moves it later; one removed, earlier). A deadline a lead moved by
 * hand, or one of a wall-clock kind, stays where it is.
 */
export function rescheduled(
  definition: Definition,
  context: InstanceContext,
  calendar: Calendar,
): InstanceContext {
  let timers = context.timers;
  let active = context.active;
  for (const timer of Object.values(context.timers)) {
    if (timer.kind !== 'deadline') continue;
    const step = definition.steps[timer.step];
    const deadline = step && 'deadline' in step ? step.deadline : undefined;
    if (deadline?.calendar !== 'business') continue;
    const item = context.active[timer.path];
    if (!item || item.token !== timer.token) continue;
    if (dueTime(item.openedAt, deadline, context.calendar) !== timer.due) continue;
    const due = dueTime(item.openedAt, deadline, calendar);
    if (due === timer.due) continue;
    if (timers === context.timers) {
      timers = { ...timers };
      active = { ...active };
    }
    timers[timer.id] = { ...timer, due };
    // A task is due at its deadline; a wait at the earlier of its deadline and its own time.
    const own = context.timers[`${item.token}.wait`];
    active[timer.path] = { ...item, due: own && own.due < due ? own.due : due };
  }
  return { ...context, calendar, timers, active };
}
