import { type AccessCsvWords, systemRoleTitle } from '@portalflow/contract';
import { type Calendar, idToWords } from '@portalflow/engine';
import type { AppDeps } from '../deps.ts';
import type { InstanceService } from '../instances/service.ts';

/**
 * How the access log's export names people (every account, disabled ones too), roles (the clinic's
 * titles, then the product's, else the id in words: as the audit screens do) and times (the clinic
 * calendar's zone). Read once per export: accounts and roles are few, whatever the period's length.
 */
export async function accessCsvWords(
  deps: Pick<AppDeps, 'store' | 'calendar'>,
  instances: Pick<InstanceService, 'clinicRoleTitles'>,
): Promise<AccessCsvWords> {
  const names = new Map((await deps.store.listUsers()).map((u) => [u.id, u.displayName || u.username]));
  const clinic = await instances.clinicRoleTitles();
  return {
    person: (id) => names.get(id),
    role: (id) => clinic.get(id) ?? systemRoleTitle(id) ?? idToWords(id),
    timeZone: (deps.calendar as Calendar | undefined)?.timeZone ?? 'UTC',
  };
}
