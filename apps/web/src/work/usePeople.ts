import { listPeople } from '@portalflow/contract';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { call } from '../api/call.ts';
import type { Me, User } from '../api/types.ts';

export interface Person extends User {
  disabled?: boolean;
}

/** Names for user ids, from the colleague directory (GET /api/people); "You" for oneself. */
export function usePeople(me: Me | null | undefined) {
  const query = useQuery({
    queryKey: ['people'],
    queryFn: () => call(listPeople, {}),
    enabled: !!me,
    staleTime: 5 * 60_000,
  });
  return useMemo(() => {
    const people = new Map<string, Person>();
    for (const u of query.data?.people ?? []) people.set(u.id, u);
    const nameOf = (id: string | null | undefined, fallback = 'A colleague'): string => {
      if (!id) return 'Nobody';
      if (me && id === me.user.id) return 'You';
      return people.get(id)?.displayName ?? fallback;
    };
    return { people, known: query.isSuccess, nameOf };
  }, [query.data, query.isSuccess, me]);
}
