import type { Instance } from '@portalflow/store';
import { type AuthUser, canAct } from '../auth/roles.ts';
import { ApiError, forbidden } from '../http/errors.ts';

/** What the rule reads of a request: who started it, whether it is open, and how many events it has. */
type Withdrawn = Pick<Instance, 'startedBy' | 'status' | 'revision'>;

/**
 * Whoever started a request may withdraw it (a typo, a call logged twice) until anyone acts on it; after
 * that a lead cancels it. The reason `user` may not withdraw it now, or null: 403 when it is not theirs,
 * 409 REQUEST_UNDER_WAY once its start is no longer its only event (a claim, a completion, a timer).
 * Checked on the state a cancel commits to, and read the same way to offer the button.
 */
export function withdrawRefusal(user: AuthUser, instance: Withdrawn): ApiError | null {
  if (!canAct(user)) return forbidden('Auditors read but do not act');
  if (instance.startedBy !== user.id)
    return forbidden('Only leads cancel requests, and whoever started one until someone acts on it');
  if (instance.status === 'active' && instance.revision > 1) return ApiError.of('REQUEST_UNDER_WAY');
  return null;
}

/** Whether to offer `user` a way to withdraw this request: it is open and the rule lets them. */
export const mayWithdraw = (user: AuthUser, instance: Withdrawn): boolean =>
  instance.status === 'active' && withdrawRefusal(user, instance) === null;
