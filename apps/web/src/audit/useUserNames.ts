import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from '../api/client.ts';
import type { User } from '../api/types.ts';
import { useMe } from '../auth/useMe.ts';

/**
 * Names for user ids, where the reader may know them: their own, and everyone's for admins
 * (GET /api/users is admin-only, so auditors see ids). Returns undefined for an unknown id.
 */
export function useUserNames(): (id: string) => string | undefined {
  const me = useMe().data ?? null;
  const isAdmin = me?.user.roles.includes('admin') ?? false;
  const users = useQuery({
    queryKey: ['audit', 'users'],
    queryFn: () => api<{ users: User[] }>('/users'),
    enabled: isAdmin,
    staleTime: 5 * 60_000,
    retry: false,
  });
  return useCallback(
    (id: string) => {
      if (me && me.user.id === id) return me.user.displayName;
      return users.data?.users.find((u) => u.id === id)?.displayName;
    },
    [me, users.data],
  );
}
