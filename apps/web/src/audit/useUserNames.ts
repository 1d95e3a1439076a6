import { listPeople } from '@portalflow/contract';
import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { call } from '../api/call.ts';
import { useMe } from '../auth/useMe.ts';
import { personName } from '../work/personName.ts';

/**
 * Names for user ids from the colleague directory (GET /api/people), a disabled account's marked.
 * Undefined for an unknown id.
 */
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
      const person = users.data?.people.find((u) => u.id === id);
      return person ? personName(person) : undefined;
    },
    [me, users.data],
  );
}
