import type { AppDeps } from '../deps.ts';
import { announce } from './announce.ts';

/**
 * Tells every process that some of a person's sessions or API tokens just ended (signed out, a new
 * password, a token revoked, …) or that their roles changed (an admin's edit, a staff list, single
 * sign-on): each re-checks that person's live streams now, not at its next periodic check, and ends
 * those whose credential no longer works or that were opened under other roles. Only the person's
 * id travels; no client hears it.
 */
export const accessEnded = (deps: AppDeps, userId: string): Promise<void> =>
  announce(deps, { type: 'access.ended', userId, roles: [], users: [] });
