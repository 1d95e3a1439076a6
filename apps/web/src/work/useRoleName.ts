import { useCallback } from 'react';
import { roleLabel } from './format.ts';
import { useRoleCatalog } from './useRoleCatalog.ts';

/**
 * A role by the title the clinic's workflows give it ("Front desk receptionist"), as every other screen
 * names it; its id in words ("Front desk") only while the titles load or for a role no workflow names.
 */
export function useRoleName(): (role: string | null | undefined) => string {
  const catalog = useRoleCatalog();
  return useCallback(
    (role) => (role ? catalog.data?.get(role) : undefined) || roleLabel(role),
    [catalog.data],
  );
}
