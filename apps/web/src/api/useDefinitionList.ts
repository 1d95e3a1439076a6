import { listDefinitions } from '@portalflow/contract';
import { useQuery } from '@tanstack/react-query';
import { call } from './call.ts';

/**
 * Every workflow with its live version and draft, under the one query key that saves, publishes and live
 * updates refresh (`['definitions']`). Every screen listing workflows reads it here, so the cache holds
 * one shape: a screen that stored the whole answer under that key broke the next one that expected the list.
 */
export function useDefinitionList() {
  return useQuery({
    queryKey: ['definitions'],
    queryFn: () => call(listDefinitions, {}).then((r) => r.definitions),
  });
}
