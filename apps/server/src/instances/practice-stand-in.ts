import type { Instance } from '@portalflow/store';
import { type AuthUser, canAct } from '../auth/roles.ts';

/**
 * In a practice run, the person who started it may work every step, whatever its role: they play the
 * other roles' steps for practice (the screens say "played for practice as <role>"), and the history
 * keeps each step's own role beside who played it.
 *
 * Why this and not playing the steps before theirs automatically with made-up data: a refresher is
 * about the trainee's own steps, and which of them a request reaches depends on what the steps before
 * chose (the billing question reaches the specialist only when the front desk logs it as a billing
 * type, and comes back to the front desk when the guarantor is wrong). Played by the trainee, every
 * step goes where they steer it and they see what the role before them records and hands on; played
 * automatically, the made-up choices could end the run before it reaches them, or route around the
 * step that changed. Nor does it wait for colleagues in the other roles: they can still play their
 * part, as before, but need not.
 *
 * Kept narrow: only practice instances, only their starter, and never an auditor (who does not act).
 * Real requests are untouched: there a step is worked only by the people holding its role.
 */
export function playsEveryRole(user: AuthUser, instance: Pick<Instance, 'practice' | 'startedBy'>): boolean {
  return instance.practice && instance.startedBy !== null && instance.startedBy === user.id && canAct(user);
}

/** Whether `user` may work a task of `role` in this instance: they hold the role, or play it for practice. */
export function mayWorkAs(
  user: AuthUser,
  instance: Pick<Instance, 'practice' | 'startedBy'>,
  role: string | undefined,
): boolean {
  return role !== undefined && role !== '' && (user.roles.includes(role) || playsEveryRole(user, instance));
}

/** The user works a task of `role` here only because they play it for practice (they do not hold it). */
export function standsInFor(
  user: AuthUser,
  instance: Pick<Instance, 'practice' | 'startedBy'>,
  role: string,
): boolean {
  return !user.roles.includes(role) && playsEveryRole(user, instance);
}
