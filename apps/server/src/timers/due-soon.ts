import { addBusinessDuration, type Calendar, parseDuration } from '@portalflow/engine';
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
  const d = parseDuration(deadlineAfter);
  // Roughly, in clock time: only whether it is under two hours matters.
  const days = (d.years * 12 + d.months) * 30 + d.weeks * 7 + d.days;
  const given = (((days * 24 + d.hours) * 60 + d.minutes) * 60 + d.seconds) * 1000;
  return Math.max(60_000, Math.min(DUE_SOON_LEAD_MS, Math.floor(given / SHORT_SHARE)));
}

const asDuration = (ms: number) => `PT${Math.round(ms / 1000)}S`;

/**
 * The furthest deadline that can be due soon now: 30 minutes of open time ahead (over a closed night
 * or weekend, the reminder comes before closing, while someone is there to act on it).
 */
export const dueSoonHorizon = (now: string, calendar: Calendar) =>
  addBusinessDuration(now, asDuration(DUE_SOON_LEAD_MS), calendar);

/** Due soon: no more than its lead time of the clinic's open time is left, and it is not overdue yet. */
export function isDueSoon(due: string, lead: number, now: string, calendar: Calendar): boolean {
  if (Date.parse(due) <= Date.parse(now)) return false;
  return Date.parse(addBusinessDuration(now, asDuration(lead), calendar)) >= Date.parse(due);
}

/** A held task near its deadline, with what its workflow says of it. */
export interface HeldStep {
  task: HeldTask;
  workflow: string;
  /** The step's deadline (`PT2H`), if it has one. */
  deadlineAfter?: string;
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
    .filter(({ task, deadlineAfter }) => isDueSoon(task.due, leadMs(deadlineAfter), now, calendar))
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
