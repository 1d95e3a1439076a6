import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { SYSTEM_ROLES } from '../accounts/api.ts';
import { rolesQuery } from '../roles/api.ts';
import { roleName } from '../roles/roleName.ts';
import type { RoleNames } from './roleTitle.ts';

const SYSTEM = new Map(SYSTEM_ROLES.map((r) => [r.id, r.name]));

/**
 * Role titles for the audit screens: the clinic's role catalog first (`roleName`: a lane renamed in one
 * workflow is that diagram's label, not the role's name), then `own` (a workflow version's names for
 * its roles, for a role the catalog does not know), the product's roles (Operations lead, Auditor),
 * else the id in words.
 */
export function useRoleTitles(): (id: string, own?: RoleNames) => string {
  const catalog = useQuery({ ...rolesQuery, staleTime: 5 * 60_000, retry: false });
  return useCallback(
    (id: string, own?: RoleNames) =>
      roleName(
        id,
        (r) => catalog.data?.find((role) => role.id === r)?.name,
        own,
        (r) => SYSTEM.get(r),
      ),
    [catalog.data],
  );
}
