import { fill } from '@portalflow/contract';
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
  if (!person)
    throw new ApiError(422, 'ASSIGNEE_INVALID', 'The assignee is not an active account; give a user id');
  if (person.disabled)
    throw new ApiError(
      422,
      'ASSIGNEE_INVALID',
      `${person.displayName || person.username}’s account is disabled: choose someone else, or send the task to a pool`,
    );
  return person;
}

/**
 * Refuses an assignee who does not hold `role` (a task without a role takes anyone active), naming the
 * person and the role as a lead reads them (`title`: the workflow's name for the role).
 */
export function requireHoldsRole(
  person: User | null,
  role: string | null | undefined,
  title: (role: string) => string = (r) => r,
): void {
  if (person && role && !person.roles.includes(role)) {
    throw new ApiError(
      422,
      'ASSIGNEE_INVALID',
      `${person.displayName || person.username} does not hold the role ${title(role)}: choose someone who holds it, or send the task to a pool`,
      { role },
    );
  }
}

/**
 * Refuses moving work to a role no active account holds: in that pool nobody would ever see it, and it
 * would wait unseen until overdue. A task keeping its role is not checked (it is already there).
 */
export async function requireStaffedRole(
  store: Pick<Store, 'listUsers'>,
  role: string | undefined,
  /** The role's title, as the lead's screen names it: read only for a refusal. */
  titled: () => Promise<(roles: readonly string[]) => string> = async () => (roles) => roles.join(', '),
): Promise<void> {
  if (role === undefined) return;
  const users = await store.listUsers();
  if (users.some((u) => !u.disabled && u.roles.includes(role))) return;
  const title = (await titled())([role]);
  throw new ApiError(
    422,
    'ROLE_UNSTAFFED',
    `${fill('ROLE_UNSTAFFED', { role: title })}. Give someone the role first, or choose another.`,
    { role },
  );
}

/**
 * What the write re-checks of a task handed to `assignee` (`InstanceChange.assigneeHolds`): the person
 * was read when the lead's request arrived, and an admin may take the role or disable the account
 * before the write; the role is the task's new one when the reassignment moves it too.
 */
export function assigneeHolds(
  assignee: string,
  role: string | null | undefined,
): { assignee: string; role: string | null } {
  return { assignee, role: role ?? null };
}

/**
 * The 409 for a reassignment the write refused: the person lost the task's role, or their account was
 * disabled, after the lead's request read them (the admin's change won, and nothing was written).
 */
export function assigneeGone(
  why: 'assignee-lacks-role' | 'assignee-disabled',
  person: Pick<User, 'id' | 'displayName'> | null,
  roleTitle: string,
): ApiError {
  const name = person?.displayName || 'The person you chose';
  const role = { role: roleTitle };
  return why === 'assignee-disabled'
    ? ApiError.of('ASSIGNEE_DISABLED', fill('ASSIGNEE_DISABLED', { person: name }), role)
    : ApiError.of('ASSIGNEE_LOST_ROLE', fill('ASSIGNEE_LOST_ROLE', { person: name, ...role }), role);
}
