import { listDefinitions } from '@portalflow/contract';
import { useQuery } from '@tanstack/react-query';
import { call } from './call.ts';

/**
 * Every workflow with its live version and draft, under the one query key that saves, publishes and live
 * updates refresh (`['definitions']`). Every screen listing workflows reads it here, so the cache holds
 * one shape: a screen that stored the whole answer under that key broke the next one that expected the list.
 * Retired workflows are left out unless `showRetired` (the Workflows page's "Show retired"), kept under a
 * key of their own below the same prefix, so the same refreshes reach it.
 */
export function useDefinitionList(showRetired = false) {
  return useQuery({
    queryKey: showRetired ? ['definitions', 'with-retired'] : ['definitions'],
    queryFn: () =>
      call(listDefinitions, { query: showRetired ? { retired: 'show' } : {} }).then((r) => r.definitions),
  });
}
