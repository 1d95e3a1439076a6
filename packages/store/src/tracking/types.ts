/**
 * The task tracking sheet's store side: period tallies of workflow work (from the task projection,
 * written in the same batch as each hash-chained event), completion counts read from the events
 * themselves, and manual entries with their audit trail. Practice (sandbox) work is never counted.
 */

/** Columns a tally can be grouped by. `person` is who completed the task (open tasks: the assignee). */
export type TallyKey = 'person' | 'role' | 'workflow' | 'step' | 'outcome';

export interface TallyFilter {
  /** Inclusive, ISO instant. */
  from: string;
  /** Exclusive, ISO instant. */
  to: string;
  /** Only this person's work. */
  userId?: string;
  /** Only work done in this role. */
  role?: string;
}

export interface TaskTallyQuery extends TallyFilter {
  /** Grouping columns, in order; results are sorted by them. */
  keys: readonly TallyKey[];
}

/**
 * Tasks completed (closed with an outcome by a person) in the period, per group. Percentiles are
 * nearest-rank over time to complete (opened → completed): the value at rank ⌈p·n⌉.
 */
export interface TaskTally {
  person: string | null;
  role: string | null;
  workflow: string | null;
  /** The step's id in its workflow. */
  step: string | null;
  outcome: string | null;
  completed: number;
  medianMs: number;
  p90Ms: number;
  /** Completed after their due time. */
  late: number;
  /** Reached this role by a deadline escalation before they were completed. */
  escalated: number;
}

export interface OpenOverdueQuery extends TallyFilter {
  /** Open tasks due before this instant (and within the period) count. */
  asOf: string;
  keys: readonly Exclude<TallyKey, 'outcome' | 'step'>[];
}

export interface OpenOverdueTally {
  person: string | null;
  role: string | null;
  workflow: string | null;
  open: number;
}

export interface EscalationQuery extends TallyFilter {
  /** `person`: whose task it was when its deadline passed (null: in the pool); `role`: the role it left. */
  keys: readonly ('person' | 'role')[];
}

/**
 * Deadline escalations that happened in the period, per group, whether or not the task is done yet. A
 * filter on person or role selects the person or role the task escalated from.
 */
export interface EscalationTally {
  person: string | null;
  role: string | null;
  escalations: number;
}

/** One bucket of the volume chart: `[start, end)` is the clinic-local day as instants. */
export interface DayBucket {
  day: string;
  start: string;
  end: string;
}

export interface VolumeQuery {
  days: readonly DayBucket[];
  userId?: string;
  role?: string;
}

export interface VolumeRow {
  day: string;
  role: string;
  completed: number;
}

/**
 * Completions of one workflow read from its hash-chained events, grouped by step, outcome and form fields.
 * A role filter keeps the completions done in that role (the event's role: the task's, escalated or not).
 */
export interface CompletionQuery extends TallyFilter {
  workflow: string;
  /** Form fields (of the completion's data) to group by, e.g. `declineReason`. */
  fields: readonly string[];
}

export interface CompletionCount {
  person: string | null;
  step: string;
  outcome: string;
  /** The value of each asked-for field, stringified; null when absent. */
  values: Record<string, string | null>;
  count: number;
}

export type TrackingEntryKind = 'shift' | 'training' | 'support' | 'faq' | 'project';

export interface TrackingEntry {
  id: string;
  userId: string;
  kind: TrackingEntryKind;
  /** Clinic-local date of the work, YYYY-MM-DD. */
  day: string;
  fields: Record<string, unknown>;
  revision: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

export interface NewTrackingEntry {
  id?: string;
  userId: string;
  kind: TrackingEntryKind;
  day: string;
  fields: Record<string, unknown>;
  actor: string;
  at?: string;
}

export interface TrackingEntryEdit {
  id: string;
  expectedRevision: number;
  day?: string;
  fields?: Record<string, unknown>;
  actor: string;
  at?: string;
}

export type TrackingEntryResult =
  | { ok: true; entry: TrackingEntry }
  | { ok: false; reason: 'conflict'; current: TrackingEntry }
  | { ok: false; reason: 'not-found' };

export interface TrackingEntryQuery {
  /** Inclusive day, YYYY-MM-DD. */
  fromDay: string;
  /** Inclusive day, YYYY-MM-DD. */
  toDay: string;
  userId?: string;
  kind?: TrackingEntryKind;
}

/** One field that a change moved: old → new (null when absent). */
export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

export interface TrackingEntryChange {
  entryId: string;
  seq: number;
  at: string;
  actor: string;
  action: 'create' | 'update' | 'delete';
  changes: FieldChange[];
  prevHash: string;
  hash: string;
}

export type TrackingChainCheck =
  | { ok: true; count: number; lastHash: string }
  | { ok: false; entryId: string; seq: number; reason: string };

/** Requests (instances) that ended in a period, per workflow: how many, and how long start to end took. */
export interface RequestTally {
  workflow: string;
  /** Ended at an end step in the period. */
  finished: number;
  /** Cancelled in the period. */
  cancelled: number;
  /** Start to end of the finished ones, nearest rank, wall-clock ms. */
  medianMs: number;
  p90Ms: number;
  /** Open now (not limited to the period): the workflow's current backlog. */
  open: number;
}
