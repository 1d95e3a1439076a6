import type { Calendar } from './calendar/types.ts';

export type Priority = 'low' | 'normal' | 'high' | 'urgent';

/** A step that is waiting on somebody or something: an open task or a wait. */
export interface ActiveStep {
  /** Unique within the instance, never reused: tasks keep it from open to close. */
  token: string;
  step: string;
  kind: 'task' | 'wait';
  /** Where the step sits in the compiled machine (differs from `step` inside parallel branches). */
  path: string;
  openedAt: string;
  /** The role that owns the task now (changes on escalation and reassignment). */
  role?: string;
  assignee?: string | null;
  due?: string;
  priority?: Priority;
  escalated?: boolean;
  signal?: string;
}

export interface Timer {
  id: string;
  token: string;
  step: string;
  path: string;
  kind: 'deadline' | 'wait';
  due: string;
}

export interface InstanceContext {
  data: Record<string, unknown>;
  /** Keyed by `path`. */
  active: Record<string, ActiveStep>;
  /** Keyed by timer id. */
  timers: Record<string, Timer>;
  /** Next token number. */
  counter: number;
  calendar?: Calendar;
}

export type InstanceStatus = 'active' | 'done' | 'cancelled';

/** The whole state of an instance as plain JSON. Treat it as immutable. */
export interface InstanceSnapshot {
  definitionId: string;
  status: InstanceStatus;
  /** XState state value. */
  value: unknown;
  context: InstanceContext;
  /** Number of events applied. */
  seq: number;
  startedAt: string;
  updatedAt: string;
  /** The end step reached and its outcome, once done. */
  end?: { step: string; outcome?: string };
}
