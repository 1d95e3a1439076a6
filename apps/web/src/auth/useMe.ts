import { me as meRoute } from '@portalflow/contract';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { call } from '../api/call.ts';
import { ApiError, setCsrfToken, whenSignedOut } from '../api/client.ts';

/** The signed-in user (null when signed out). Keeps the CSRF token for the API client. */
export function useMe() {
  const client = useQueryClient();
  useEffect(() => {
    whenSignedOut(() => client.setQueryData(['me'], null));
  }, [client]);
  return useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      try {
        const me = await call(meRoute, {});
        setCsrfToken(me.csrfToken);
        return me;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

export const SYSTEM_ROLES = ['admin', 'designer', 'auditor', 'break-glass'];
export const isLead = (roles: string[]) => roles.includes('admin') || roles.includes('designer');
export const isAuditor = (roles: string[]) => roles.includes('auditor') || roles.includes('admin');
export const clinicRoles = (roles: string[]) => roles.filter((r) => !SYSTEM_ROLES.includes(r));
