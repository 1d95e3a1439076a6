import type { Instance, TimerChange } from '@portalflow/store';

/**
 * Practice runs show their deadlines but never act on them. A practice task keeps the due time its
 * workflow gives it, so the trainee sees it in My work and watches it turn overdue as real work would
 * (that is how the deadline is learnt), but no durable timer is kept for it: when the time passes
 * nothing happens. The task is not escalated to another role's pool, not moved on by a `goTo`
 * deadline, and nobody is told. Firing it would take the task from the trainee (who may just be at
 * lunch) to a role they do not hold, leave the practice view empty and the refresher unfinishable,
 * and put sandbox work in front of a real supervisor.
 *
 * Setting no timers at all was the other choice, and is wrong for waits: nobody holds a wait, and in a
 * sandbox no patient sends its signal, so a wait's timer (its length, or its deadline's `goTo`) is the
 * only way a practice run gets past it. Waits keep theirs.
 *
 * The engine stays the same for practice and real runs (a history replays alike): it still sets the
 * deadline in the run's state; only the durable row that would fire it is left out.
 */
export function isPracticeTaskDeadline(
  instance: Pick<Instance, 'practice' | 'snapshot'>,
  timerId: string,
): boolean {
  if (!instance.practice) return false;
  const { timers, active } = instance.snapshot.context;
  const timer = timers[timerId];
  if (timer?.kind !== 'deadline') return false;
  return Object.values(active).some((a) => a.token === timer.token && a.kind === 'task');
}

/**
 * The timer rows a change of this instance writes: a practice task's deadline is left out (clears are
 * kept, so a row stored before this rule goes when its task closes).
 */
export function durableTimers(
  instance: Pick<Instance, 'practice' | 'snapshot'>,
  timers: readonly TimerChange[] | undefined,
): TimerChange[] {
  return (timers ?? []).filter((t) => t.op === 'clear' || !isPracticeTaskDeadline(instance, t.timerId));
}
