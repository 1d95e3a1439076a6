import { listAttachments } from '@portalflow/contract';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { type Answer, call } from '../../api/call.ts';
import { ApiError } from '../../api/client.ts';

const noRetryOnRefusal = (count: number, error: unknown) =>
  !(error instanceof ApiError && [401, 403, 404].includes(error.status)) && count < 1;

/**
 * A request's attached files, removed ones included. Keyed under the instance, so a live update about
 * the request re-reads them with its history.
 */
export function useAttachments(instanceId: string | null, options: { enabled?: boolean } = {}) {
  return useQuery<Answer<typeof listAttachments>, Error>({
    queryKey: ['instance', instanceId, 'attachments'],
    queryFn: () => call(listAttachments, { params: { id: instanceId! } }),
    enabled: instanceId !== null && options.enabled !== false,
    retry: noRetryOnRefusal,
  });
}

/** Re-reads a request's files (after attaching, removing, or a download that found one gone). */
export function useRefreshAttachments(instanceId: string) {
  const client = useQueryClient();
  return useCallback(() => {
    void client.invalidateQueries({ queryKey: ['instance', instanceId, 'attachments'] });
    void client.invalidateQueries({ queryKey: ['instance', instanceId, 'history'] });
  }, [client, instanceId]);
}
