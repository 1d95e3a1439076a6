import { replayInstance } from '@portalflow/contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { call } from '../api/call.ts';

/**
 * The instance's state replayed up to event `at`: its open steps, and its data too once the auditor
 * revealed the values (`values`, a read the server logs as one of patient data). A history only grows
 * at its end, so the state at an event never changes: each N is fetched once and kept while the page
 * is open.
 */
export function useReplayAt(instanceId: string, at: number | null, values = false) {
  return useQuery({
    queryKey: ['audit', 'replay', instanceId, at, values ? 'values' : 'names'],
    queryFn: () =>
      call(replayInstance, {
        params: { id: instanceId },
        query: values ? { at: at!, values: 'true' } : { at: at! },
      }),
    enabled: at !== null && at > 0,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 30 * 60_000,
    refetchOnWindowFocus: false,
    placeholderData: keepPreviousData,
  });
}
