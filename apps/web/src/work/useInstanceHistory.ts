import { type AttachmentView, instanceHistory } from '@portalflow/contract';
import { useQuery } from '@tanstack/react-query';
import { call } from '../api/call.ts';
import { ApiError } from '../api/client.ts';
import type { TimelineEntry } from '../api/types.ts';

/**
 * "History so far" of an instance: its timeline with the fields' old → new values (staff work the
 * request; the server logs the read as one of patient data) and the files attached to it. Staff may be
 * refused (403) for instances they hold no task in; the caller shows that calmly instead of as an error.
 */
export function useInstanceHistory(instanceId: string | null) {
  return useQuery<{ timeline: TimelineEntry[]; attachments: AttachmentView[] }, Error>({
    queryKey: ['instance', instanceId, 'history'],
    queryFn: async () => {
      const history = await call(instanceHistory, { params: { id: instanceId! }, query: { values: 'true' } });
      // Asked for with its values, the answer carries them (notes' words, file names, reasons).
      if (!history.values) throw new Error('The history came without its values');
      return history;
    },
    enabled: instanceId !== null,
    retry: (count, error) =>
      !(error instanceof ApiError && [401, 403, 404].includes(error.status)) && count < 1,
  });
}
