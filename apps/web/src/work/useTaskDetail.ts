import { useQuery } from '@tanstack/react-query';
import { ApiError, api } from '../api/client.ts';
import type { TaskDetail } from '../api/types.ts';
import { taskPath } from './taskApi.ts';

const noRetryOnRefusal = (count: number, error: unknown) =>
  !(error instanceof ApiError && [401, 403, 404].includes(error.status)) && count < 1;

/** One task with its step (form, outcomes, help), the instance's data and comments. */
export function useTaskDetail(taskId: string | null) {
  return useQuery<TaskDetail, Error>({
    queryKey: ['task', taskId],
    queryFn: () => api<TaskDetail>(taskPath(taskId!)),
    enabled: taskId !== null,
    retry: noRetryOnRefusal,
  });
}
