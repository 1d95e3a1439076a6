import type { Priority } from '@portalflow/engine';
import type { NewOutboxItem } from './outbox.ts';

/** An open task someone holds, with the deadline the due-soon reminder is about. */
export interface HeldTask {
  id: string;
  instanceId: string;
  definitionId: string;
  step: string;
  title: string;
  assignee: string;
  due: string;
  openedAt: string;
  priority: Priority;
}

/**
 * A "due soon" reminder to a task's holder: a bell item, and an email when the server sends mail.
 * Both ids name the task and the holder, so it is written once whoever writes it, however often.
 */
export interface DueSoonReminder {
  taskId: string;
  instanceId: string;
  userId: string;
  at: string;
  email: NewOutboxItem | null;
}

export interface DueSoonPort {
  /**
   * Open, real (not practice) tasks someone holds, due after `after` and by `by`, whose holder has not
   * had a due-soon reminder for them yet; soonest first.
   */
  heldTasksDueBy(after: string, by: string, limit?: number): Promise<HeldTask[]>;
  /** Writes the reminders, each with its email in one transaction; returns those that were new. */
  addDueSoonReminders(reminders: readonly DueSoonReminder[]): Promise<DueSoonReminder[]>;
}

/** The reminder's notification id: one per task and holder. */
export const dueSoonId = (taskId: string, userId: string) => `due-soon:${taskId}:${userId}`;
