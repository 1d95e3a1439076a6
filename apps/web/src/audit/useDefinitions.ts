import { listDefinitions } from '@portalflow/contract';
import { useQuery } from '@tanstack/react-query';
import { call } from '../api/call.ts';

/** Every workflow (id and title), for filters and for naming a definition id. */
export function useDefinitions() {
  return useQuery({
    queryKey: ['audit', 'definitions'],
    queryFn: async () => (await call(listDefinitions, { query: { retired: 'show' } })).definitions,
    staleTime: 5 * 60_000,
  });
}
