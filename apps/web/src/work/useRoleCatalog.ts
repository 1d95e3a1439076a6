import { getVersion, listDefinitions } from '@portalflow/contract';
import { useQuery } from '@tanstack/react-query';
import { call } from '../api/call.ts';

/**
 * Every clinic role named in a published workflow (id → name), so a lead can send work to a role's
 * pool even when that pool is empty right now.
 */
export function useRoleCatalog() {
  return useQuery({
    queryKey: ['definitions', 'role-catalog'],
    queryFn: async () => {
      const { definitions } = await call(listDefinitions, {});
      const versions = await Promise.all(
        definitions
          .filter((d) => d.latestVersion !== null)
          .map((d) => call(getVersion, { params: { id: d.id, v: d.latestVersion! } }).catch(() => null)),
      );
      const roles = new Map<string, string>();
      for (const v of versions) {
        for (const r of v?.version.definition.roles ?? []) if (!roles.has(r.id)) roles.set(r.id, r.name);
      }
      return roles;
    },
    staleTime: 5 * 60_000,
  });
}
