import { listBackups } from '@portalflow/contract';
import { useQuery } from '@tanstack/react-query';
import { call } from '../api/call.ts';

/** The backups and their schedule (admins): one query for the page and the header's alarm. */
export function useBackups(options: { refetchInterval?: number; staleTime?: number } = {}) {
  return useQuery({ queryKey: ['backups'], queryFn: () => call(listBackups, {}), ...options });
}
