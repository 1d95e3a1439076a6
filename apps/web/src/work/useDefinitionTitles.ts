import { listDefinitions } from '@portalflow/contract';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { call } from '../api/call.ts';
import { humanize } from './format.ts';

/** Workflow titles by definition id, for lists that only carry the id. */
export function useDefinitionTitles() {
  const query = useQuery({
    queryKey: ['definitions', 'titles'],
    queryFn: () => call(listDefinitions, { query: { retired: 'show' } }),
    staleTime: 5 * 60_000,
  });
  return useMemo(() => {
    const map = new Map<string, string>();
    for (const d of query.data?.definitions ?? []) map.set(d.id, d.title);
    return {
      titles: map,
      titleOf: (id: string) => map.get(id) ?? humanize(id),
    };
  }, [query.data]);
}
