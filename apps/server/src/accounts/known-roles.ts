import { systemRoleTitle } from '@portalflow/contract';
import { idToWords, roleDuties } from '@portalflow/engine';
import type { DefinitionPort, DefinitionVersion } from '@portalflow/store';
import { SystemRole } from '../auth/roles.ts';
import type { AppDeps } from '../deps.ts';

/**
 * Roles an admin may give: the product's own, every role of the published workflows, and any role
 * someone already holds (so re-saving an account never fails on a role a workflow no longer uses).
 */
export async function knownRoles(deps: AppDeps): Promise<Set<string>> {
  // Read directly (an account save is rare): the app's definition cache serves the hot paths.
  const [latest, users] = await Promise.all([latestVersions(deps.store), deps.store.listUsers()]);
  return new Set([
    ...Object.values(SystemRole),
    ...Object.keys(roleDuties(latest)),
    ...users.flatMap((u) => u.roles),
  ]);
}

/**
 * Roles by their titles, as an admin reads them on the person's screen: the published workflows' name for
 * the role, else the product's, else the id in words; several comma-joined.
 */
export async function roleTitles(deps: AppDeps): Promise<(roles: readonly string[]) => string> {
  const duties = roleDuties(await latestVersions(deps.store));
  const title = (id: string) => duties[id]?.name ?? systemRoleTitle(id) ?? idToWords(id);
  return (roles) => roles.map(title).join(', ') || 'none';
}

async function latestVersions(store: DefinitionPort): Promise<DefinitionVersion[]> {
  const list = await store.listDefinitions();
  const versions = await Promise.all(
    list.filter((d) => d.latestVersion !== null).map((d) => store.getVersion(d.id, d.latestVersion!)),
  );
  return versions.filter((v): v is DefinitionVersion => v !== null);
}
