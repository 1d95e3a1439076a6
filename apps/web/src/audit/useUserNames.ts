import { listPeople } from '@portalflow/contract';
import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { call } from '../api/call.ts';
import { useMe } from '../auth/useMe.ts';

/** Names for user ids from the colleague directory (GET /api/people). Undefined for an unknown id. */
export function useUserNames(): (id: string) => string | undefined {
  const me = useMe().data ?? null;
  const users = useQuery({
    queryKey: ['people'],
    queryFn: () => call(listPeople, {}),
    enabled: !!me,
    staleTime: 5 * 60_000,
    retry: false,
  });
  return useCallback(
    (id: string) => {
      if (me && me.user.id === id) return me.user.displayName;
      return users.data?.people.find((u) => u.id === id)?.displayName;
    },
    [me, users.data],
  );
}
