import type { AppDeps } from '../deps.ts';
import { announce } from './announce.ts';

/**
 * An account was made, renamed, given other roles, disabled or enabled: the screens that show that
 * person (an admin's account panel, a colleague's hand-off list, names on the Team page) re-read the
 * directory. Heard by leads, admins and auditors, by the person, and by colleagues in the roles the
 * person had or has; only the account's id travels, never a name.
 */
export const peopleChanged = (deps: AppDeps, userId: string, roles: Iterable<string>): Promise<void> =>
  announce(deps, { type: 'people.changed', userId, roles: [...new Set(roles)], users: [userId] });
