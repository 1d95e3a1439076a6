import { addBusinessDuration, type Calendar } from '@portalflow/engine';
import type { DueSoonReminder, HeldTask } from '@portalflow/store';
import type { EmailPayload } from '../outbox/messages.ts';

/** How long before its deadline a held task's holder is reminded: 30 minutes of the clinic's open time… */
export const DUE_SOON_LEAD_MS = 30 * 60_000;
/** …or, for work given less than two hours, a quarter of the time it was given (never under a minute). */
const SHORT_SHARE = 4;

/** The lead time for one task: 30 minutes, or a quarter of the time from its opening to its deadline. */
export function leadMs(task: Pick<HeldTask, 'openedAt' | 'due'>): number {
  const given = Date.parse(task.due) - Date.parse(task.openedAt);
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
export function isDueSoon(
  task: Pick<HeldTask, 'openedAt' | 'due'>,
  now: string,
  calendar: Calendar,
): boolean {
  if (Date.parse(task.due) <= Date.parse(now)) return false;
  return Date.parse(addBusinessDuration(now, asDuration(leadMs(task)), calendar)) >= Date.parse(task.due);
}

/**
 * The reminders to write now, as data: a bell item for each held task that is due soon, and an email
 * (workflow, step and due time only) when the server sends mail. The store writes each once.
 */
export function dueSoonReminders(
  tasks: readonly HeldTask[],
  now: string,
  calendar: Calendar,
  options: { email: boolean; workflowTitle: (definitionId: string) => string },
): DueSoonReminder[] {
  return tasks
    .filter((task) => isDueSoon(task, now, calendar))
    .map((task) => {
      const payload: EmailPayload = {
        workflowId: task.definitionId,
        workflow: options.workflowTitle(task.definitionId),
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
