import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { SYSTEM_ROLES } from '../accounts/api.ts';
import { rolesQuery } from '../roles/api.ts';
import { type RoleNames, roleTitle } from './roleTitle.ts';

const SYSTEM = new Map(SYSTEM_ROLES.map((r) => [r.id, r.name]));

/**
 * Role titles for the audit screens: `own` first (a workflow version's names for its roles), then the
 * clinic's role catalog and the product's roles (Operations lead, Auditor), else the id in words.
 */
export function useRoleTitles(): (id: string, own?: RoleNames) => string {
  const catalog = useQuery({ ...rolesQuery, staleTime: 5 * 60_000, retry: false });
  return useCallback(
    (id: string, own?: RoleNames) =>
      roleTitle(
        id,
        own ?? (() => undefined),
        (r) => catalog.data?.find((role) => role.id === r)?.name,
        (r) => SYSTEM.get(r),
      ),
    [catalog.data],
  );
}
