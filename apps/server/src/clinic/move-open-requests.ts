import type { ClinicHoursMoved } from '@portalflow/contract';
import { type Calendar, canonicalJson } from '@portalflow/engine';
import type { AuthUser } from '../auth/roles.ts';
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
  const target = canonicalJson(calendar);
  const moved: ClinicHoursMoved = { requests: 0, deadlines: 0, failed: 0 };
  let cursor: string | null = null;
  do {
    const page = await deps.store.listInstances({ status: 'active', limit: 500, cursor });
    for (const summary of page.items) {
      const instance = await deps.store.getInstance(summary.id);
      if (instance?.status !== 'active') continue;
      if (canonicalJson(instance.snapshot.context.calendar ?? null) === target) continue;
      try {
        const applied = await instances.act({ user, role: null }, instance.id, {
          type: 'system',
          event: { type: 'calendar-changed', calendar, actor: user.id },
        });
        moved.requests++;
        moved.deadlines += applied.effects.filter(
          (e) => e.type === 'task.updated' && e.reason === 'rescheduled',
        ).length;
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        moved.failed++;
        deps.log(`clinic hours: instance ${instance.id} kept its hours (${error.code})`);
      }
    }
    cursor = page.nextCursor;
  } while (cursor);
  return moved;
}
