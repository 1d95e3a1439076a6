import type { RoleSummary } from '@portalflow/contract';
import { useQuery } from '@tanstack/react-query';
import { rolesQuery } from '../roles/api.ts';

const titles = (roles: RoleSummary[]) => new Map(roles.map((r) => [r.id, r.name]));

/**
 * Every clinic role named in a published workflow (id → name), so a lead can send work to a role's
 * pool even when that pool is empty right now. Read from the clinic's role list (one request, shared
 * with the header and the Roles page), not from every workflow's latest version one by one: every
 * screen waits for these titles.
 */
export function useRoleCatalog() {
  return useQuery({ ...rolesQuery, staleTime: 5 * 60_000, select: titles });
}
