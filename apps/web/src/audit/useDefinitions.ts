import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import type { DefinitionSummary } from '../api/types.ts';

/** Every workflow (id and title), for filters and for naming a definition id. */
export function useDefinitions() {
  return useQuery({
    queryKey: ['audit', 'definitions'],
    queryFn: async () => (await api<{ definitions: DefinitionSummary[] }>('/definitions')).definitions,
    staleTime: 5 * 60_000,
  });
}
