import { listPeople } from '@portalflow/contract';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { call } from '../api/call.ts';
import { useEditorStore } from './useEditorStore.ts';

/**
 * Feeds the editor's lint the roles active people hold (GET /api/people lists active accounts only), so
 * a lane or escalation nobody would see is a warning while the lead draws it.
 */
export function useHeldRoles(): readonly string[] | null {
  const people = useQuery({
    queryKey: ['people'],
    queryFn: () => call(listPeople, {}),
    staleTime: 60_000,
  });
  const setHeldRoles = useEditorStore((s) => s.setHeldRoles);
  useEffect(() => {
    if (!people.data) return;
    setHeldRoles([...new Set(people.data.people.flatMap((p) => p.roles))].sort());
  }, [people.data, setHeldRoles]);
  return useEditorStore((s) => s.heldRoles);
}
