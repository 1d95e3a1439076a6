import { Alert, Button, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { handOffTask, taskColleagues } from '@portalflow/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { call } from '../api/call.ts';
import { newIdempotencyKey } from '../api/client.ts';
import type { Task } from '../api/types.ts';
import { notifications } from '../shell/notifications.ts';

interface Props {
  task: Task;
  /** The request as its list row names it, for the toast. */
  request: string;
  roleName: string;
  /** The note already typed in the task's note box: it starts the note for the colleague. */
  typed: string;
  onClose: () => void;
  /** The task is theirs now: the note box may be emptied and the panel move on. */
  onHanded: () => void;
}

/**
 * Hand the task you hold to a named colleague who holds the same role (covering for you), with a note
 * for them: they find it in their own list, the note marked for them, and hear of it on the bell.
 */
export function HandOffDialog({ task, request, roleName, typed, onClose, onHanded }: Props) {
  const client = useQueryClient();
  const [to, setTo] = useState<string | null>(null);
  const [note, setNote] = useState(typed);
  const colleagues = useQuery({
    queryKey: ['task', task.id, 'colleagues'],
    queryFn: () => call(taskColleagues, { params: { id: task.id } }),
  });
  const people = colleagues.data?.colleagues ?? [];
  const hand = useMutation({
    mutationFn: () =>
      call(handOffTask, {
        params: { id: task.id },
        body: { to: to ?? '', note: note.trim() },
        idempotencyKey: newIdempotencyKey(),
      }),
    onSuccess: () => {
      const name = people.find((p) => p.id === to)?.displayName ?? 'your colleague';
      notifications.show({
        color: 'green',
        title: `Handed to ${name}`,
        message: `“${task.title}” (${request}) is in ${name}’s list now, with your note for them.`,
      });
      void client.invalidateQueries({ queryKey: ['tasks'] });
      void client.invalidateQueries({ queryKey: ['task', task.id] });
      onHanded();
    },
  });
  const ready = to !== null && note.trim() !== '';

  return (
    <Modal
      opened
      onClose={hand.isPending ? () => undefined : onClose}
      closeButtonProps={{ 'aria-label': 'Close' }}
      title="Hand this task to a colleague"
      size="md"
      data-testid="hand-off-dialog"
    >
      <Stack gap="sm">
        <Text size="sm">
          Someone else in the {roleName} role takes it over from you now, for example a colleague covering
          your afternoon. They see it in their own list with your note, and are told on their bell.
        </Text>
        {colleagues.isSuccess && people.length === 0 && (
          <Alert color="gray" data-testid="hand-off-nobody">
            Nobody else holds the {roleName} role. Put the task back in the pool instead, or ask a lead.
          </Alert>
        )}
        <Select
          label="Colleague"
          placeholder={colleagues.isPending ? 'Loading…' : 'Choose who takes it over'}
          data={people.map((p) => ({ value: p.id, label: p.displayName }))}
          value={to}
          onChange={setTo}
          searchable
          required
          data-testid="hand-off-colleague"
        />
        <Textarea
          label="Note for them"
          description="What they need to know to carry on: what you did, what is left. It stays on the request."
          autosize
          minRows={3}
          maxLength={8000}
          required
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          data-testid="hand-off-note"
        />
        {hand.isError && (
          <Alert color="red" title="Not handed over" data-testid="hand-off-error">
            {hand.error.message}
          </Alert>
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose} disabled={hand.isPending}>
            Keep it
          </Button>
          <Button
            onClick={() => hand.mutate()}
            loading={hand.isPending}
            disabled={!ready}
            data-testid="hand-off-confirm"
          >
            Hand it over
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
