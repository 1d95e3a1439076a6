import type { CloseReason, InstanceSnapshot, Priority } from '@portalflow/engine';
import type { NoteDraft } from './notes.ts';
import type { OutboxDraft } from './outbox.ts';
import type { AccessEntry, NotificationKind } from './records.ts';

/** A row change in the task projection, keyed by the engine's task token. */
export type TaskChange =
  | {
      op: 'open';
      token: string;
      step: string;
      title: string;
      role: string;
      assignee?: string | null;
      due?: string | null;
      priority?: Priority;
      openedAt: string;
    }
  | {
      op: 'update';
      token: string;
      /** A migration moves the task to another step (and its title) of the new version. */
      step?: string;
      title?: string;
      /** Only the fields present are changed; `null` clears assignee or due. */
      role?: string;
      assignee?: string | null;
      due?: string | null;
      priority?: Priority;
      escalated?: boolean;
      /** A deadline escalation: when, and the role and person (null: the pool) it left. */
      escalation?: { at: string; fromRole: string; fromPerson: string | null };
    }
  | {
      op: 'close';
      token: string;
      closedAt: string;
      outcome?: string | null;
      reason?: CloseReason;
      closedBy?: string | null;
    };

/** A durable timer to set (insert or move; clears any lease) or clear, keyed by the engine's timer id. */
export type TimerChange = { op: 'set'; timerId: string; due: string } | { op: 'clear'; timerId: string };

/** A notification written with the change; address a user, a role, or both. */
export interface NotificationDraft {
  kind: NotificationKind;
  userId?: string | null;
  role?: string | null;
  /** Task token within this instance. */
  taskToken?: string | null;
  createdAt: string;
}

/** The event that records the change. `seq` is `expectedRevision + 1`; the store computes the hash. */
export interface EventDraft {
  at: string;
  actor: string | null;
  role: string | null;
  type: string;
  /** Usually the engine event itself, so replay can fold the history. Stored as canonical JSON. */
  payload: unknown;
  /** The instance's `lastHash` as read (GENESIS_HASH for a new instance). */
  prevHash: string;
}

/** The response to replay when the same idempotency key comes back. */
export interface IdempotencyDraft {
  key: string;
  userId: string;
  route: string;
  status: number;
  response: unknown;
}

/**
 * Everything one accepted event changes, written as one all-or-nothing unit that only applies if the
 * instance is still at `expectedRevision` (and `lastHash` is `event.prevHash`).
 */
export interface InstanceChange {
  instanceId: string;
  /** The revision the caller read; 0 (with `create`) for a new instance. */
  expectedRevision: number;
  create?: { definitionId: string; version: number; startedBy: string | null; practice?: boolean };
  /**
   * A migration: the instance must still be pinned to `from`, and is pinned to `to` (a published
   * version of the same workflow) by the same conditional write. `runId` records the result row.
   */
  pin?: { from: number; to: number; runId?: string };
  event: EventDraft;
  /**
   * A role the event's actor must still hold when the change is written (a claim): read in the commit
   * itself, so a claim decided just before an admin took the role lands before the removal (which then
   * returns the task to its pool) or not at all — never a task held by someone without its role.
   */
  actorHolds?: string;
  /**
   * The person a change hands a task to (a lead's reassignment) must, when it is written, be an active
   * account holding `role` (null: any active account): read in the commit itself, so a reassignment
   * decided just before an admin took the role or disabled the account is refused, never written after
   * the removal has returned that person's tasks (which would leave this one with someone who cannot work it).
   */
  assigneeHolds?: { assignee: string; role: string | null };
  /** The engine's next snapshot; the instance's status is taken from it. */
  snapshot: InstanceSnapshot;
  tasks?: TaskChange[];
  timers?: TimerChange[];
  notifications?: NotificationDraft[];
  /**
   * Email and webhook messages the change causes, written only if it wins, in the same batch: nothing is
   * announced that was not committed, and nothing committed goes unannounced.
   */
  outbox?: OutboxDraft[];
  idempotency?: IdempotencyDraft;
  /**
   * Access-log entries for the request that made the change, written only if the change wins — in
   * the same batch, so a request costs one group commit, not two.
   */
  access?: AccessEntry[];
  /** Notes written with the change (a completion note), only if the change wins. */
  notes?: NoteDraft[];
  /**
   * A change-feed message (JSON; ids, roles and status only, never patient data) recorded in
   * `change_feed` only if the change wins, in the same batch (one feed row holds the messages of all
   * the batch's winners): live clients on every server process hear about exactly the committed changes.
   */
  feed?: unknown;
}

/**
 * `conflict`: another change got there first (or the instance id is taken, for a create) — nothing was
 * written; re-read and retry or report 409. `unknown-version`: the create names an unpublished version.
 * `actor-disabled`: the event's actor is an account that is disabled (it was, by the time of the
 * commit) — nothing was written, and a retry would not help. `actor-lacks-role`: the actor no longer
 * holds the change's `actorHolds` role — nothing was written. `assignee-disabled`, `assignee-lacks-role`:
 * the person of `assigneeHolds` is disabled, or no longer holds its role — nothing was written.
 */
export type CommitResult =
  | { ok: true; revision: number; seq: number; hash: string }
  | {
      ok: false;
      reason:
        | 'conflict'
        | 'unknown-version'
        | 'actor-disabled'
        | 'actor-lacks-role'
        | 'assignee-disabled'
        | 'assignee-lacks-role';
    };
// A `pin` to a version that does not exist, or from a version the instance is no longer on, is a `conflict`.
