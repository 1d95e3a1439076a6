import { listHelpClinics, listHelpEntries } from '@portalflow/contract';
import { useQuery } from '@tanstack/react-query';
import { call } from '../api/call.ts';

/**
 * The staff help library: the clinics and every entry the caller may read (writers also get drafts).
 * Loaded whole and searched in the browser, so search is instant and — with the service worker
 * keeping the last answer — still works offline.
 */
export function useHelpClinics() {
  return useQuery({
    queryKey: ['help', 'clinics'],
    queryFn: async () => (await call(listHelpClinics, {})).clinics,
    staleTime: 5 * 60_000,
    networkMode: 'always',
  });
}

export function useHelpEntries(clinic: string | undefined) {
  return useQuery({
    queryKey: ['help', 'entries', clinic],
    queryFn: async () => (await call(listHelpEntries, { query: { clinic: clinic! } })).entries,
    enabled: clinic !== undefined,
    staleTime: 60_000,
    // Offline, the request still goes out: the service worker answers it from its cache.
    networkMode: 'always',
  });
}
