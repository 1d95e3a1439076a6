import { Button, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { addComment } from '@portalflow/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { MessageSquarePlus } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { call } from '../api/call.ts';
import type { TaskDetail } from '../api/types.ts';
import { formatWhen } from '../shell/time.ts';

interface Props {
  taskId: string;
  comments: TaskDetail['comments'];
  nameOf: (userId: string | null | undefined, fallback?: string) => string;
  canComment: boolean;
  now: number;
}

/** Comments on the task, oldest first, and a box to add one. */
export function TaskComments({ taskId, comments, nameOf, canComment, now }: Props) {
  const client = useQueryClient();
  const [body, setBody] = useState('');
  const add = useMutation({
    mutationFn: (text: string) => call(addComment, { params: { id: taskId }, body: { body: text } }),
    onSuccess: () => {
      setBody('');
      void client.invalidateQueries({ queryKey: ['task', taskId] });
    },
    onError: (error) =>
      notifications.show({
        color: 'red',
        title: 'Comment not saved',
        message: error instanceof Error ? error.message : '',
      }),
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    if (body.trim() !== '') add.mutate(body.trim());
  }
  return (
    <Stack gap="xs" data-testid="task-comments">
      {comments.length === 0 ? (
        <Text size="sm" c="gray.7">
          No comments yet. Leave one for whoever picks this up next.
        </Text>
      ) : (
        comments.map((c) => (
          <Paper key={c.id} withBorder p="xs" radius="sm">
            <Group justify="space-between" gap="xs">
              <Text size="xs" fw={600}>
                {nameOf(c.userId)}
              </Text>
              <Text size="xs" c="gray.7">
                {formatWhen(c.at, now)}
              </Text>
            </Group>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {c.body}
            </Text>
          </Paper>
        ))
      )}
      {canComment && (
        <form onSubmit={submit}>
          <Stack gap={6}>
            <Textarea
              label="Add a comment"
              autosize
              minRows={1}
              maxRows={6}
              maxLength={8000}
              value={body}
              onChange={(e) => setBody(e.currentTarget.value)}
              data-testid="comment-input"
            />
            <Group justify="flex-end">
              <Button
                type="submit"
                size="xs"
                variant="default"
                leftSection={<MessageSquarePlus size={14} aria-hidden />}
                loading={add.isPending}
                disabled={body.trim() === ''}
                data-testid="comment-submit"
              >
                Add comment
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
