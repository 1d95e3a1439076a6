import {
  addBusinessDuration,
  type Calendar,
  type Deadline,
  type Definition,
  roughDurationMs,
} from '@portalflow/engine';
import type { DueSoonReminder, HeldTask } from '@portalflow/store';
import type { EmailPayload } from '../outbox/messages.ts';

/** How long before its deadline a held task's holder is reminded: 30 minutes of the clinic's open time… */
export const DUE_SOON_LEAD_MS = 30 * 60_000;
/** …or, for a step given less than two hours, a quarter of its deadline (never under a minute). */
const SHORT_SHARE = 4;

/**
 * The lead time for a step's deadline (`PT2H`, `P1D`): 30 minutes, or a quarter of a short deadline.
 * A due time set by hand, on a step without a deadline of its own, gets the 30 minutes.
 */
export function leadMs(deadlineAfter: string | undefined): number {
  if (!deadlineAfter) return DUE_SOON_LEAD_MS;
  // Roughly, in clock time: only whether it is under two hours matters.
  const given = roughDurationMs(deadlineAfter);
  return Math.max(60_000, Math.min(DUE_SOON_LEAD_MS, Math.floor(given / SHORT_SHARE)));
}

const asDuration = (ms: number) => `PT${Math.round(ms / 1000)}S`;

/**
 * How long before a step's deadline its holder is warned, as a duration of the clinic's open time: the
 * warning the workflow gives the step (`warnBefore`, a day for a prior authorisation due in three),
 * else 30 minutes or a quarter of a short deadline.
 */
export function warningOf(deadline: Deadline | undefined): string {
  return deadline?.warnBefore ?? asDuration(leadMs(deadline?.after));
}

/**
 * The furthest deadline that can be due soon now: the longest warning ahead in the clinic's open time
 * (30 minutes unless a workflow gives a step a longer one). Over a closed night or weekend, the reminder
 * comes before closing, while someone is there to act on it.
 */
export function dueSoonHorizon(now: string, calendar: Calendar, warnings: readonly string[]): string {
  let furthest = addBusinessDuration(now, asDuration(DUE_SOON_LEAD_MS), calendar);
  for (const warning of warnings) {
    const by = addBusinessDuration(now, warning, calendar);
    if (by > furthest) furthest = by;
  }
  return furthest;
}

/** Every warning a workflow gives one of its steps (`warnBefore`): how far ahead a pass must look. */
export function warningsGiven(definitions: readonly Definition[]): string[] {
  const warnings = new Set<string>();
  for (const definition of definitions)
    for (const step of Object.values(definition.steps))
      if (step.type === 'task' && step.deadline?.warnBefore) warnings.add(step.deadline.warnBefore);
  return [...warnings];
}

/** Due soon: no more than its warning of the clinic's open time is left, and it is not overdue yet. */
export function isDueSoon(due: string, warning: string | number, now: string, calendar: Calendar): boolean {
  if (Date.parse(due) <= Date.parse(now)) return false;
  const lead = typeof warning === 'number' ? asDuration(warning) : warning;
  return Date.parse(addBusinessDuration(now, lead, calendar)) >= Date.parse(due);
}

/** A held task near its deadline, with what its workflow says of it. */
export interface HeldStep {
  task: HeldTask;
  workflow: string;
  /** The step's deadline (`PT2H`, and `warnBefore` when the workflow gives its own warning), if it has one. */
  deadline?: Deadline;
}

/**
 * The reminders to write now, as data: a bell item for each held task that is due soon, and an email
 * (workflow, step and due time only) when the server sends mail. The store writes each once.
 */
export function dueSoonReminders(
  held: readonly HeldStep[],
  now: string,
  calendar: Calendar,
  options: { email: boolean },
): DueSoonReminder[] {
  return held
    .filter(({ task, deadline }) => isDueSoon(task.due, warningOf(deadline), now, calendar))
    .map(({ task, workflow }) => {
      const payload: EmailPayload = {
        workflowId: task.definitionId,
        workflow,
        step: task.step,
        stepTitle: task.title,
        taskId: task.id,
        ...(task.priority === 'urgent' ? { urgent: true } : {}),
        dueAt: task.due,
      };
      return {
        taskId: task.id,
        instanceId: task.instanceId,
        userId: task.assignee,
        at: now,
        email: options.email
          ? {
              id: `due-soon.${task.id}.${task.assignee}`,
              channel: 'email',
              kind: 'due-soon',
              target: task.assignee,
              payload,
              createdAt: now,
            }
          : null,
      };
    });
}
