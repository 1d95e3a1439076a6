import { Button, Checkbox, Group, Stack, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { addNote } from '@portalflow/contract';
import { useMutation } from '@tanstack/react-query';
import { MessageSquarePlus } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { call } from '../api/call.ts';

interface Props {
  instanceId: string;
  /** The task the note is written on (names its step in the history). */
  taskId: string;
  onAdded: () => void;
}

/** A note on the request, written from a task; optionally marked for whoever takes the request next. */
export function AddNote({ instanceId, taskId, onAdded }: Props) {
  const [body, setBody] = useState('');
  const [forNextRole, setForNextRole] = useState(false);
  const add = useMutation({
    mutationFn: (text: string) =>
      call(addNote, { params: { id: instanceId }, body: { body: text, taskId, forNextRole } }),
    onSuccess: () => {
      setBody('');
      setForNextRole(false);
      onAdded();
    },
    onError: (error) =>
      notifications.show({
        color: 'red',
        title: 'Note not saved',
        message: error instanceof Error ? error.message : '',
      }),
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    if (body.trim() !== '' && !add.isPending) add.mutate(body.trim());
  }
  return (
    <form onSubmit={submit} data-testid="add-note">
      <Stack gap={6}>
        <Textarea
          label="Add a note to this request"
          description="Everyone who works on the request after you reads it."
          autosize
          minRows={1}
          maxRows={6}
          maxLength={8000}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          data-testid="comment-input"
        />
        <Group justify="space-between">
          <Checkbox
            size="xs"
            label="For the next role"
            checked={forNextRole}
            onChange={(e) => setForNextRole(e.currentTarget.checked)}
            data-testid="comment-for-next"
          />
          <Button
            type="submit"
            size="xs"
            variant="default"
            leftSection={<MessageSquarePlus size={14} aria-hidden />}
            loading={add.isPending}
            disabled={body.trim() === ''}
            data-testid="comment-submit"
          >
            Add note
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
