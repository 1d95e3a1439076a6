import type { ClinicHoursMoved } from '@portalflow/contract';
import { type Calendar, canonicalJson, type Effect, type EngineEvent, transition } from '@portalflow/engine';
import type { Instance } from '@portalflow/store';
import { type AuthUser, leadRole } from '../auth/roles.ts';
import type { AppDeps } from '../deps.ts';
import { ApiError } from '../http/errors.ts';
import type { InstanceService } from '../instances/service.ts';

/**
 * Puts every open request on the clinic's new hours: each gets a `calendar-changed` event in its
 * history (by whoever saved), so its later steps count in them and its open business-hours
 * deadlines move with them. Requests already on these hours are left alone; practice runs too. One
 * request refused (it ended meanwhile, a conflict that kept losing) is counted and the rest go on.
 */
export async function moveOpenRequests(
  deps: Pick<AppDeps, 'store' | 'log'>,
  instances: InstanceService,
  user: AuthUser,
  calendar: Calendar,
): Promise<ClinicHoursMoved> {
  const moved: ClinicHoursMoved = { requests: 0, deadlines: 0, failed: 0 };
  for await (const instance of openRequestsOffHours(deps, calendar)) {
    try {
      const applied = await instances.act({ user, role: null }, instance.id, {
        type: 'system',
        event: calendarChanged(calendar, user),
      });
      moved.requests++;
      moved.deadlines += movedDeadlines(applied.effects);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      moved.failed++;
      deps.log(`clinic hours: instance ${instance.id} kept its hours (${error.code})`);
    }
  }
  return moved;
}

/**
 * What `moveOpenRequests` would do now, decided by the engine on each request as it stands but not
 * recorded: the count an admin confirms before applying the hours.
 */
export async function countOpenRequestsOffHours(
  deps: Pick<AppDeps, 'store' | 'clock'>,
  instances: InstanceService,
  user: AuthUser,
  calendar: Calendar,
): Promise<{ requests: number; deadlines: number }> {
  const count = { requests: 0, deadlines: 0 };
  for await (const instance of openRequestsOffHours(deps, calendar)) {
    const definition = await instances.definition(instance.definitionId, instance.version);
    const now = deps.clock();
    const at = instance.snapshot.updatedAt > now ? instance.snapshot.updatedAt : now;
    const result = transition(definition, instance.snapshot, calendarChanged(calendar, user), at);
    if (!result.ok) continue;
    count.requests++;
    count.deadlines += movedDeadlines(result.effects);
  }
  return count;
}

/** The event a lead's or admin's save records, in the role they saved it as. */
function calendarChanged(calendar: Calendar, user: AuthUser): EngineEvent {
  const event: EngineEvent = { type: 'calendar-changed', calendar, actor: user.id };
  const role = leadRole(user);
  if (role) event.role = role;
  return event;
}

/** Open tasks whose deadline the change moved. */
const movedDeadlines = (effects: readonly Effect[]) =>
  effects.filter((e) => e.type === 'task.updated' && e.reason === 'rescheduled').length;

/** The open requests (practice runs too) not yet counting in `calendar`, read one at a time as they are now. */
async function* openRequestsOffHours(
  deps: Pick<AppDeps, 'store'>,
  calendar: Calendar,
): AsyncGenerator<Instance> {
  const target = canonicalJson(calendar);
  let cursor: string | null = null;
  do {
    const page = await deps.store.listInstances({ status: 'active', limit: 500, cursor });
    for (const summary of page.items) {
      const instance = await deps.store.getInstance(summary.id);
      if (instance?.status !== 'active') continue;
      if (canonicalJson(instance.snapshot.context.calendar ?? null) === target) continue;
      yield instance;
    }
    cursor = page.nextCursor;
  } while (cursor);
}
