import type { AuditEvent, Instance } from '@portalflow/store';
import { type AuthUser, canAct } from '../auth/roles.ts';
import { ApiError, forbidden } from '../http/errors.ts';

/** What the rule reads of a request: who started it and whether it is open. */
type Withdrawn = Pick<Instance, 'startedBy' | 'status'>;

/** An event of a request's history, as recorded: what happened and who did it. */
export type Recorded = Pick<AuditEvent, 'type' | 'actor' | 'payload'>;

/** What a claim or a release records besides who holds the task afterwards. */
const HOLDER_ONLY = new Set(['type', 'token', 'actor', 'role', 'assignee']);

/**
 * Whether an event after the start is someone acting on the request. Two kinds are not: a timer
 * firing (a deadline passing, a reminder: no person did anything) and its starter taking one of its
 * tasks or putting it back (it is still nobody else's work). A completion, a change of its data, a
 * colleague's claim or a lead's reassignment all are.
 */
export function actsOn(startedBy: string | null, event: Recorded): boolean {
  if (event.type === 'timer-fired' && event.actor === null) return false;
  if (event.type !== 'reassign' || startedBy === null || event.actor !== startedBy) return true;
  const payload = (event.payload ?? {}) as Record<string, unknown>;
  const onlyHolder = Object.keys(payload).every((key) => HOLDER_ONLY.has(key));
  return !(onlyHolder && (payload.assignee === startedBy || payload.assignee === null));
}

/**
 * Whoever started a request may withdraw it (a typo, a call logged twice) until anyone acts on it
 * (`actsOn`); after that a lead cancels it. The reason `user` may not withdraw it now, or null: 403
 * when it is not theirs, 409 REQUEST_UNDER_WAY once someone has acted. `history` is every event after
 * the start up to the state read: checked on the state a cancel commits to (a completion committing
 * first moves the revision, so the cancel is decided again and refused), and read the same way to
 * offer the button.
 */
export function withdrawRefusal(
  user: AuthUser,
  instance: Withdrawn,
  history: readonly Recorded[],
): ApiError | null {
  if (!canAct(user)) return forbidden('Auditors read but do not act');
  if (instance.startedBy !== user.id)
    return forbidden('Only leads cancel requests, and whoever started one until someone acts on it');
  if (instance.status === 'active' && history.some((event) => actsOn(instance.startedBy, event)))
    return ApiError.of('REQUEST_UNDER_WAY');
  return null;
}

/** Whether to offer `user` a way to withdraw this request: it is open and the rule lets them. */
export const mayWithdraw = (user: AuthUser, instance: Withdrawn, history: readonly Recorded[]): boolean =>
  instance.status === 'active' && withdrawRefusal(user, instance, history) === null;
