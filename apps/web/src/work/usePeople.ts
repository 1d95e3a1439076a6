import { type Colleague, listPeople } from '@portalflow/contract';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { call } from '../api/call.ts';
import type { Me } from '../api/types.ts';
import { personName } from './personName.ts';

/** A colleague from the directory: disabled accounts are in it, marked, and never offered work. */
export type Person = Colleague;

/**
 * Names for user ids, from the colleague directory (GET /api/people); "You" for oneself, and a disabled
 * account's name marked "(disabled)".
 */
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
      const person = people.get(id);
      return person ? personName(person) : fallback;
    };
    return { people, known: query.isSuccess, nameOf };
  }, [query.data, query.isSuccess, me]);
}
