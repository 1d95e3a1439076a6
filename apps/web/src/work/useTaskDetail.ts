import { getTask, type TaskDetail } from '@portalflow/contract';
import { useQuery } from '@tanstack/react-query';
import { call } from '../api/call.ts';
import { ApiError } from '../api/client.ts';

const noRetryOnRefusal = (count: number, error: unknown) =>
  !(error instanceof ApiError && [401, 403, 404].includes(error.status)) && count < 1;

/** One task with its step (form, outcomes, help), the instance's data and comments. */
export function useTaskDetail(taskId: string | null) {
  return useQuery<TaskDetail, Error>({
    queryKey: ['task', taskId],
    queryFn: () => call(getTask, { params: { id: taskId! } }),
    enabled: taskId !== null,
    retry: noRetryOnRefusal,
  });
}
