import { useCallback } from 'react';
import { roleLabel } from './format.ts';
import { useRoleCatalog } from './useRoleCatalog.ts';

/**
 * A role by the title the clinic's workflows give it ("Front desk receptionist"), as every other screen
 * names it; its id in words ("Front desk") only for a role no workflow names (or when the titles could not
 * be read). Every screen, and the bell's list, waits for them (useRoleTitlesLoading).
 */
export function useRoleName(): (role: string | null | undefined) => string {
  const catalog = useRoleCatalog();
  return useCallback(
    (role) => (role ? catalog.data?.get(role) : undefined) || roleLabel(role),
    [catalog.data],
  );
}

/** The titles are still on their way: a name made from a role's id would show, then change. */
export function useRoleTitlesLoading(): boolean {
  return useRoleCatalog().isPending;
}
