import type { Priority } from './snapshot.ts';

/** What the caller must do (or record) after a transition. The engine performs none of it. */
export type Effect =
  | { type: 'task.opened'; token: string; step: string; role: string; due?: string; priority: Priority }
  | {
      type: 'task.closed';
      token: string;
      step: string;
      role: string;
      reason: CloseReason;
      outcome?: string;
    }
  | {
      type: 'task.updated';
      token: string;
      step: string;
      /** `rescheduled`: the clinic's hours changed and the deadline moved with them. */
      reason: 'escalated' | 'reassigned' | 'rescheduled' | 'migrated';
      changes: TaskChanges;
    }
  | {
      type: 'data.changed';
      /** The step whose form (or signal) wrote the values; absent for start data. */
      step?: string;
      token?: string;
      changes: DataChanges;
    }
  | { type: 'wait.opened'; token: string; step: string; signal?: string }
  | { type: 'wait.closed'; token: string; step: string; reason: CloseReason }
  | { type: 'timer.set'; id: string; token: string; step: string; kind: 'deadline' | 'wait'; due: string }
  | { type: 'timer.cleared'; id: string }
  | { type: 'edge.taken'; from: string; to: string; kind: string; label: string }
  | { type: 'instance.ended'; step: string; outcome?: string }
  | { type: 'instance.cancelled'; reason?: string };

export type CloseReason =
  | 'completed'
  | 'signalled'
  | 'elapsed'
  | 'ended-early'
  | 'deadline'
  | 'cancelled'
  | 'ended';

/** Instance data fields an event set, old → new (`null` when the field had no value). */
export type DataChanges = Record<string, [unknown, unknown]>;

/** Old → new values, for the audit trail. */
export interface TaskChanges {
  /** Set when a migration moves the task to another step of the new version. */
  step?: [string, string];
  role?: [string | undefined, string | undefined];
  assignee?: [string | null | undefined, string | null | undefined];
  due?: [string | undefined, string | undefined];
  priority?: [Priority | undefined, Priority | undefined];
}
