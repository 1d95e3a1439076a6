import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { Task } from '../api/types.ts';
import { fetchAllTasks } from './taskApi.ts';

/**
 * My tasks and the unassigned pools of my clinic roles. Both re-read when the server says an
 * instance changed (useLive invalidates ['tasks']), so a task someone else claims leaves the pool.
 */
export function useWorkQueues(enabled: boolean, practice = false) {
  // Practice (sandbox) tasks are a queue of their own: never mixed into the real one.
  const only: Record<string, string> = practice ? { practice: 'true' } : {};
  const mine = useQuery({
    queryKey: ['tasks', 'mine', ...(practice ? ['practice'] : [])],
    queryFn: () => fetchAllTasks({ scope: 'mine', ...only }),
    enabled,
    refetchInterval: 60_000,
  });
  const pool = useQuery({
    queryKey: ['tasks', 'pool', ...(practice ? ['practice'] : [])],
    queryFn: () => fetchAllTasks({ scope: 'pool', ...only }),
    enabled,
    refetchInterval: 60_000,
  });
  // What I completed in the last 7 days (the Done folder): "did I already send that?"
  const done = useQuery({
    queryKey: ['tasks', 'done', ...(practice ? ['practice'] : [])],
    queryFn: () => fetchAllTasks({ scope: 'done', ...only }),
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
    done: done.data ?? [],
    byId,
    /** When My tasks or the pools were last read (ms): an arriving task is as late as it was then. */
    readAt: Math.max(mine.dataUpdatedAt, pool.dataUpdatedAt),
    isPending: enabled && (mine.isPending || pool.isPending),
    error: mine.error ?? pool.error,
    refetch: () => Promise.all([mine.refetch(), pool.refetch()]),
  };
}
