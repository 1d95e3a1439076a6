import type { Store } from '@portalflow/store';
import { ApiError } from '../http/errors.ts';
import type { InstanceService } from '../instances/service.ts';
import { openTasksHeldBy } from './held-tasks.ts';
import { HOLDER_DISABLED, HOLDER_LOST_ROLE } from './return-held-tasks.ts';

/**
 * Open tasks held by someone who can no longer work them, left by data from before taking a role away
 * or disabling an account returned the person's tasks (`return-held-tasks.ts`): each goes back to its
 * role's pool with the history entry those changes write ("Its holder no longer has the role", or "Its
 * holder's account was disabled"), recorded by the system, since no person acts.
 *
 * Run at every start, not as migration 029: a migration runs inside the store, below the engine and the
 * instance service, and returning a task is an engine event (the next snapshot, the hash-chained event,
 * the pool's notification and live update) that only the service writes, the same way the removal
 * does; an event written by hand in SQL could break the audit chain. Once is enough: a returned task is
 * no longer held, so the next start finds nothing; each return is its own committed change, so a start
 * stopped half-way leaves the rest for the next. Each applies only while the person still holds the
 * task (another server process may be running). Practice runs are left alone: there the person who
 * started the run plays every role. Returns how many went back.
 */
export async function returnStrandedTasks(deps: {
  store: Pick<Store, 'listTasks' | 'listUsers'>;
  instances: InstanceService;
}): Promise<number> {
  let returned = 0;
  for (const person of await deps.store.listUsers()) {
    const held = await openTasksHeldBy(deps.store, person.id);
    for (const task of held) {
      if (!person.disabled && person.roles.includes(task.role)) continue;
      const reason = person.disabled ? HOLDER_DISABLED : HOLDER_LOST_ROLE;
      try {
        // No access-log entry: no person reads or acts here (as for a deadline's timer firing).
        await deps.instances.act({ user: null, role: null }, task.instanceId, {
          type: 'return-to-pool',
          token: task.token,
          holder: person.id,
          reason,
        });
        returned++;
      } catch (error) {
        // Closed, moved on or gone since it was listed: it is no longer theirs to return.
        if (error instanceof ApiError && (error.status === 409 || error.status === 404)) continue;
        throw error;
      }
    }
  }
  return returned;
}
