import { listPeople } from '@portalflow/contract';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { call } from '../api/call.ts';
import { useMe } from '../auth/useMe.ts';
import { displayNames } from './personNames.ts';

/** The colleague directory (GET /api/people), shared by every screen that names people. */
export function usePeopleDirectory() {
  const me = useMe().data ?? null;
  return useQuery({
    queryKey: ['people'],
    queryFn: () => call(listPeople, {}),
    enabled: !!me,
    staleTime: 5 * 60_000,
    retry: false,
  });
}

/**
 * Names for user ids from the colleague directory, the username added where two people share a name.
 * Undefined for an id the directory does not hold (an account since disabled).
 */
export function useUserNames(): (id: string) => string | undefined {
  const me = useMe().data ?? null;
  const people = usePeopleDirectory();
  const names = useMemo(() => displayNames(people.data?.people ?? []), [people.data]);
  return useCallback(
    (id: string) => names.get(id) ?? (me && me.user.id === id ? me.user.displayName : undefined),
    [me, names],
  );
}

/** The directory entry of a user id (for a tooltip: username and roles), if it holds one. */
export function usePersonOf() {
  const people = usePeopleDirectory();
  return useCallback((id: string) => people.data?.people.find((p) => p.id === id), [people.data]);
}
