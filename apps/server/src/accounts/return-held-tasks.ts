import type { AccessEntry, Store } from '@portalflow/store';
import type { AuthUser } from '../auth/roles.ts';
import { ApiError } from '../http/errors.ts';
import type { InstanceService } from '../instances/service.ts';
import { openTasksHeldBy } from './held-tasks.ts';

/** What each returned task's history says, in the event's own reason. */
export const HOLDER_DISABLED = "Its holder's account was disabled";
export const HOLDER_LOST_ROLE = 'Its holder no longer has the role';

/** Which of the holder's tasks go back, and why: all of them, or only those of roles taken away. */
export type ReturnWhy = { disabled: true } | { removedRoles: ReadonlySet<string> };

/**
 * Every open task `holderId` still holds (of the removed roles only, for a role change) goes back to
 * its role's pool, unassigned: one conditional
 * change per task through the instance service (the reassign a lead's "back to its own pool" makes),
 * by `admin`, with the reason in the task's history. Each change applies only while the person still
 * holds the task, so one that closed or moved on meanwhile (a completion that landed before the
 * disable) is left as it is; the disable (or role change) commits first, so nothing the person sends
 * lands after it (a claim in a removed role is refused by the store, `actorHolds`).
 * Returns how many went back.
 */
export async function returnHeldTasks(
  deps: { store: Pick<Store, 'listTasks'>; instances: InstanceService },
  admin: AuthUser,
  holderId: string,
  why: ReturnWhy,
  access: AccessEntry,
): Promise<number> {
  let returned = 0;
  const held = await openTasksHeldBy(deps.store, holderId);
  const removed = 'removedRoles' in why ? why.removedRoles : null;
  for (const task of removed ? held.filter((t) => removed.has(t.role)) : held) {
    try {
      await deps.instances.act(
        { user: admin, role: null },
        task.instanceId,
        {
          type: 'reassign',
          token: task.token,
          person: null,
          assignee: null,
          reason: removed ? HOLDER_LOST_ROLE : HOLDER_DISABLED,
          holder: holderId,
        },
        { access },
      );
      returned++;
    } catch (error) {
      // Closed, moved on or gone since it was listed (409, 404): it is no longer theirs to return.
      if (error instanceof ApiError && (error.status === 409 || error.status === 404)) continue;
      // The admin's own access ended meanwhile (another admin disabled them): nothing more is theirs to move.
      if (error instanceof ApiError && error.status === 401) break;
      throw error;
    }
  }
  return returned;
}
