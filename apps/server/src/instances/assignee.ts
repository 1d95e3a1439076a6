import type { Store, User } from '@portalflow/store';
import { ApiError } from '../http/errors.ts';

/**
 * A task goes only to someone who can work it: an active account holding the task's role (the new role
 * when a reassign moves it too). Any other string would leave the task with nobody able to complete it,
 * and would end up in the history and its exports.
 */

/** The account a reassign names: null/undefined (back to the pool, or no change) need none. */
export async function activeAssignee(
  store: Pick<Store, 'getUser'>,
  assignee: string | null | undefined,
): Promise<User | null> {
  if (assignee === undefined || assignee === null) return null;
  const person = await store.getUser(assignee);
  if (!person || person.disabled) {
    throw new ApiError(422, 'ASSIGNEE_INVALID', 'The assignee is not an active account; give a user id');
  }
  return person;
}

/** Refuses an assignee who does not hold `role` (a task without a role takes anyone active). */
export function requireHoldsRole(person: User | null, role: string | null | undefined): void {
  if (person && role && !person.roles.includes(role)) {
    throw new ApiError(422, 'ASSIGNEE_INVALID', `The assignee does not hold the role '${role}'`, { role });
  }
}

/**
 * Refuses moving work to a role no active account holds: in that pool nobody would ever see it, and it
 * would wait unseen until overdue. A task keeping its role is not checked (it is already there).
 */
export async function requireStaffedRole(
  store: Pick<Store, 'listUsers'>,
  role: string | undefined,
): Promise<void> {
  if (role === undefined) return;
  const users = await store.listUsers();
  if (users.some((u) => !u.disabled && u.roles.includes(role))) return;
  throw new ApiError(
    422,
    'ROLE_UNSTAFFED',
    `Nobody active holds the role '${role}': work sent there would wait unseen. Give someone the role first, or choose another.`,
    { role },
  );
}
