import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api } from '../api/client.ts';
import type { Me, User } from '../api/types.ts';

export interface Person extends User {
  disabled?: boolean;
}

/**
 * Names for user ids. The account list (GET /api/users) is open to admins only, so everyone else
 * sees "you" for themselves and "a colleague" for others.
 */
export function usePeople(me: Me | null | undefined) {
  const isAdmin = !!me?.user.roles.includes('admin');
  const query = useQuery({
    queryKey: ['users', 'people'],
    queryFn: () => api<{ users: Person[] }>('/users'),
    enabled: isAdmin,
    staleTime: 5 * 60_000,
  });
  return useMemo(() => {
    const people = new Map<string, Person>();
    for (const u of query.data?.users ?? []) people.set(u.id, u);
    const nameOf = (id: string | null | undefined, fallback = 'A colleague'): string => {
      if (!id) return 'Nobody';
      if (me && id === me.user.id) return 'You';
      return people.get(id)?.displayName ?? fallback;
    };
    return { people, known: isAdmin && query.isSuccess, nameOf };
  }, [query.data, query.isSuccess, isAdmin, me]);
}
