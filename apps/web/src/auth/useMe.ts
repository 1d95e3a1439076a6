import { me as meRoute } from '@portalflow/contract';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { call } from '../api/call.ts';
import { ApiError, setCsrfToken, whenSignedOut } from '../api/client.ts';
import type { Me } from '../api/types.ts';

/** The signed-in user (null when signed out). Keeps the CSRF token for the API client. */
export function useMe() {
  const client = useQueryClient();
  useEffect(() => {
    whenSignedOut(() => {
      const was = client.getQueryData<Me | null>(['me']);
      client.setQueryData(['me'], null);
      // A session that ended under a signed-in screen (the account disabled, signed out elsewhere):
      // signed out first (the sign-in page shows), then nothing of theirs stays in memory.
      if (was && (was.stage ?? 'full') === 'full')
        client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
    });
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
