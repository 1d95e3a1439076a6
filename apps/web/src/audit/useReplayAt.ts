import { replayStates } from '@portalflow/contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { call } from '../api/call.ts';

/**
 * The instance's state replayed up to event `at`: its open steps, and its data too once the auditor
 * revealed the values (`values`, a read the server logs as one of patient data). The state after every
 * event comes in one answer, so stepping through the history asks nothing more (and leaves one row in
 * the access log, not one a step). A history only grows at its end: kept while the page is open.
 */
export function useReplayAt(instanceId: string, at: number | null, values = false) {
  const states = useQuery({
    queryKey: ['audit', 'states', instanceId, values ? 'values' : 'names'],
    queryFn: () =>
      call(replayStates, { params: { id: instanceId }, query: values ? { values: 'true' } : {} }),
    enabled: at !== null && at > 0,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 30 * 60_000,
    refetchOnWindowFocus: false,
    placeholderData: keepPreviousData,
  });
  const instance = at !== null && at > 0 ? states.data?.states[at - 1] : undefined;
  return { ...states, data: instance ? { instance } : undefined };
}
