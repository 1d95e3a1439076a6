import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { Task } from '../api/types.ts';
import { fetchAllTasks } from './taskApi.ts';

/**
 * My tasks and the unassigned pools of my clinic roles. Both re-read when the server says an
 * instance changed (useLive invalidates ['tasks']), so a task someone else claims leaves the pool.
 */
export function useWorkQueues(enabled: boolean) {
  const mine = useQuery({
    queryKey: ['tasks', 'mine'],
    queryFn: () => fetchAllTasks({ scope: 'mine' }),
    enabled,
    refetchInterval: 60_000,
  });
  const pool = useQuery({
    queryKey: ['tasks', 'pool'],
    queryFn: () => fetchAllTasks({ scope: 'pool' }),
    enabled,
    refetchInterval: 60_000,
  });
  const byId = useMemo(() => {
    const map = new Map<string, Task>();
    for (const t of pool.data ?? []) map.set(t.id, t);
    for (const t of mine.data ?? []) map.set(t.id, t);
    return map;
  }, [mine.data, pool.data]);
  return {
    mine: mine.data ?? [],
    pool: pool.data ?? [],
    byId,
    isPending: enabled && (mine.isPending || pool.isPending),
    error: mine.error ?? pool.error,
    refetch: () => Promise.all([mine.refetch(), pool.refetch()]),
  };
}
