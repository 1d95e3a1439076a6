import {
  createHelpEntry,
  deleteHelpEntry,
  publishHelpEntry,
  unpublishHelpEntry,
  updateHelpEntry,
} from '@portalflow/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '../api/call.ts';
import { ApiError, newIdempotencyKey } from '../api/client.ts';
import { notifications } from '../shell/notifications.ts';
import type { HelpContent, HelpEntry } from './types.ts';

function failed(title: string) {
  return (error: unknown) => {
    const stale = error instanceof ApiError && error.code === 'STALE_REVISION';
    notifications.show({
      color: 'red',
      title,
      message: stale
        ? 'Someone else changed this entry after you opened it. The list now shows their version.'
        : error instanceof Error
          ? error.message
          : 'Please try again',
    });
  };
}

/** Write, publish, unpublish and delete help entries; every success refreshes the library. */
export function useHelpActions() {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: ['help'] });
  const save = useMutation({
    mutationFn: ({
      clinic,
      entry,
      content,
    }: {
      clinic: string;
      entry: HelpEntry | null;
      content: HelpContent;
    }) =>
      entry
        ? call(updateHelpEntry, {
            params: { id: entry.id },
            body: { revision: entry.revision, ...content },
          })
        : call(createHelpEntry, {
            body: { clinic, ...content },
            idempotencyKey: newIdempotencyKey(),
          }),
    onSuccess: () => {
      notifications.show({ color: 'teal', message: 'Entry saved' });
      return refresh();
    },
    onError: (error) => {
      failed('Not saved')(error);
      return refresh();
    },
  });
  const setStatus = useMutation({
    mutationFn: ({ entry, publish }: { entry: HelpEntry; publish: boolean }) =>
      call(publish ? publishHelpEntry : unpublishHelpEntry, {
        params: { id: entry.id },
        body: { revision: entry.revision },
      }),
    onSuccess: ({ entry }) => {
      notifications.show({
        color: 'teal',
        message: entry.status === 'published' ? `Published: ${entry.title}` : `Back to draft: ${entry.title}`,
      });
      return refresh();
    },
    onError: (error) => {
      failed('Status not changed')(error);
      return refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (entry: HelpEntry) =>
      call(deleteHelpEntry, { params: { id: entry.id }, query: { revision: entry.revision } }),
    onSuccess: () => {
      notifications.show({ color: 'teal', message: 'Entry deleted' });
      return refresh();
    },
    onError: (error) => {
      failed('Not deleted')(error);
      return refresh();
    },
  });
  return { save, setStatus, remove };
}
