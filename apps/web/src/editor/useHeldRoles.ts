import { listPeople } from '@portalflow/contract';
import { type QueryClient, queryOptions, useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { call } from '../api/call.ts';
import { useEditorStore } from './useEditorStore.ts';

/** The staff list (GET /api/people, disabled accounts marked), shared by the open and the editor. */
export const peopleQuery = queryOptions({
  queryKey: ['people'],
  queryFn: () => call(listPeople, {}),
  staleTime: 60_000,
});

/** Roles someone active holds: a disabled account staffs nothing. */
const heldRolesOf = (people: ReadonlyArray<{ roles: readonly string[]; disabled: boolean }>): string[] =>
  [...new Set(people.filter((p) => !p.disabled).flatMap((p) => p.roles))].sort();

/**
 * The roles active people hold, for the open's one lint: null when the staff list cannot be read
 * (lint then skips staffing) or has not come within `waitMs` (the editor does not wait longer for it;
 * `useHeldRoles` re-lints when it arrives).
 */
export async function readHeldRoles(client: QueryClient, waitMs: number): Promise<readonly string[] | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), waitMs);
  });
  const roles = client.fetchQuery(peopleQuery).then(
    (answer) => heldRolesOf(answer.people),
    () => null,
  );
  return Promise.race([roles, late]).finally(() => clearTimeout(timer));
}

/**
 * Feeds the editor's lint the roles active people hold, so a lane or escalation nobody would see is a
 * warning while the lead draws it. The open already lints with them when the list came in time; this
 * follows later changes (and a list that came late).
 */
export function useHeldRoles(): readonly string[] | null {
  const people = useQuery(peopleQuery);
  const setHeldRoles = useEditorStore((s) => s.setHeldRoles);
  useEffect(() => {
    if (!people.data) return;
    setHeldRoles(heldRolesOf(people.data.people));
  }, [people.data, setHeldRoles]);
  return useEditorStore((s) => s.heldRoles);
}
