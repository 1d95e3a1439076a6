import type { AppliedClinicHours, ApplyClinicHoursBody, OpenRequestsOffHours } from '@portalflow/contract';
import type { Calendar } from '@portalflow/engine';
import type { AuthUser } from '../auth/roles.ts';
import type { AppDeps } from '../deps.ts';
import { ApiError } from '../http/errors.ts';
import type { InstanceService } from '../instances/service.ts';
import {
  baseCalendar,
  calendarOf,
  clinicHoursView,
  type Deps,
  HOURS_CHANGED,
  type SavedHours,
  savedOf,
} from './hours.ts';
import { countOpenRequestsOffHours, moveOpenRequests } from './move-open-requests.ts';

type ApplyDeps = Deps & Pick<AppDeps, 'live'>;

/** The hours saved now (else the ones the server was set up with), their revision and their calendar. */
async function currentHours(
  deps: Deps,
): Promise<{ revision: number; saved: SavedHours; calendar: Calendar }> {
  const stored = await deps.store.getClinicCalendar();
  const base = baseCalendar(deps);
  if (!stored)
    return { revision: 0, saved: savedOf(base, deps.holidayNames, deps.holidayNamesIn), calendar: base };
  const saved = stored.value as SavedHours;
  return { revision: stored.revision, saved, calendar: calendarOf(saved, base.timeZone) };
}

/** What applying the saved hours to the requests open now would move, for the admin to confirm. */
export async function openRequestsOffHours(
  deps: Deps,
  instances: InstanceService,
  user: AuthUser,
): Promise<OpenRequestsOffHours> {
  const { revision, calendar } = await currentHours(deps);
  return { revision, ...(await countOpenRequestsOffHours(deps, instances, user, calendar)) };
}

/**
 * Puts the requests open now on the saved hours, for when they were saved without that choice. The
 * apply is recorded as a revision of the hours (the same hours, marked as moving the open requests),
 * written before anything moves: of two admins applying the revision they counted, the second is
 * refused, so no request gets the change twice and the trail says who applied them, when.
 */
export async function applyClinicHours(
  deps: ApplyDeps,
  instances: InstanceService,
  user: AuthUser,
  body: ApplyClinicHoursBody,
): Promise<AppliedClinicHours> {
  const { revision, saved, calendar } = await currentHours(deps);
  const changed = () =>
    ApiError.of(
      'CLINIC_HOURS_CHANGED',
      `Someone saved or applied the clinic hours since you opened them (now revision ${revision}); reload to see them`,
    );
  if (body.expectedRevision !== revision) throw changed();
  const result = await deps.store.saveClinicCalendar({
    value: saved,
    expectedRevision: revision,
    actorId: user.id,
    at: deps.clock(),
    reason: null,
    replaces: saved,
    feedMessage: HOURS_CHANGED,
    movesOpenRequests: true,
  });
  if (!result.ok) throw changed();
  deps.live.committed();
  const moved = await moveOpenRequests(deps, instances, user, calendar);
  return { ...(await clinicHoursView(deps)), moved };
}
