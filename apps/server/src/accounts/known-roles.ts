import { roleDuties } from '@portalflow/engine';
import { SystemRole } from '../auth/roles.ts';
import type { AppDeps } from '../deps.ts';
import { rolesContext } from '../roles/context.ts';

/**
 * Roles an admin may give: the product's own, every role of the published workflows, and any role
 * someone already holds (so re-saving an account never fails on a role a workflow no longer uses).
 */
export async function knownRoles(deps: AppDeps): Promise<Set<string>> {
  const [latest, users] = await Promise.all([
    rolesContext(deps.store).versions.latest(),
    deps.store.listUsers(),
  ]);
  return new Set([
    ...Object.values(SystemRole),
    ...Object.keys(roleDuties(latest)),
    ...users.flatMap((u) => u.roles),
  ]);
}
