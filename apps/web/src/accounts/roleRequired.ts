import { fill } from '@portalflow/contract';

/**
 * An active account needs at least one role: with none, the person signs in to nothing, and the way to
 * stop someone's access is to disable the account (which also returns the work they hold to its pools).
 * A disabled account may have none. The server refuses the same in the same words (ROLE_REQUIRED).
 */
export function rolesProblem(picked: readonly string[], disabled: boolean): string | null {
  return picked.length === 0 && !disabled ? fill('ROLE_REQUIRED') : null;
}

/** Why a disabled account cannot be enabled as it is: it has no role to work in. */
export function enableProblem(roles: readonly string[]): string | null {
  return roles.length === 0 ? 'Give them a role first: an active account needs at least one role' : null;
}
