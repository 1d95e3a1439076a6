import { replayInstance } from '@portalflow/contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { call } from '../api/call.ts';

/**
 * The instance's state replayed up to event `at`. A history only grows at its end, so the state at
 * an event never changes: each N is fetched once and kept while the page is open.
 */
export function useReplayAt(instanceId: string, at: number | null) {
  return useQuery({
    queryKey: ['audit', 'replay', instanceId, at],
    queryFn: () => call(replayInstance, { params: { id: instanceId }, query: { at: at! } }),
    enabled: at !== null && at > 0,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 30 * 60_000,
    refetchOnWindowFocus: false,
    placeholderData: keepPreviousData,
  });
}
