import { addNote } from '@portalflow/contract';
import { useMutation } from '@tanstack/react-query';
import { call } from '../api/call.ts';
import { notifications } from '../shell/notifications.ts';

/**
 * Saves a note on the request at once, on the task it is written from while that task is open (its
 * step names the note in the history); a closed task's note goes on the request alone.
 */
export function useAddNote(instanceId: string, openTaskId: string | null, onAdded: () => void) {
  return useMutation({
    mutationFn: (note: { body: string; forNextRole: boolean }) =>
      call(addNote, {
        params: { id: instanceId },
        body: { ...note, ...(openTaskId ? { taskId: openTaskId } : {}) },
      }),
    onSuccess: onAdded,
    onError: (error) =>
      notifications.show({
        color: 'red',
        title: 'Note not saved',
        message: error instanceof Error ? error.message : '',
      }),
  });
}
