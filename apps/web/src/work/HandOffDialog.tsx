import { Alert, Button, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { handOffTask, taskColleagues } from '@portalflow/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { call } from '../api/call.ts';
import { ApiError, newIdempotencyKey } from '../api/client.ts';
import type { Task } from '../api/types.ts';
import { refusalOf, useFocusFirstRefused } from '../forms/fieldProblems.ts';
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
  const colleagueId = `hand-off-to-${task.id}`;
  const noteId = `hand-off-note-${task.id}`;
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
    // A colleague disabled or moved out of the role since the list was read: the choice is emptied and
    // the list read again (the server's words stay under it until another colleague is chosen).
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'ASSIGNEE_INVALID') {
        setTo(null);
        void client.invalidateQueries({ queryKey: ['task', task.id, 'colleagues'] });
      }
    },
  });
  // The server's words under the field they are about (the colleague it refused, the note), else above
  // the buttons; the first refused field takes the focus.
  const refused = refusalOf(hand.error, ['to', 'note'], { ASSIGNEE_INVALID: 'to' });
  const focusFirstRefused = useFocusFirstRefused();
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per refusal
  useEffect(() => {
    if (hand.error) focusFirstRefused(refused.fields, { to: colleagueId, note: noteId });
  }, [hand.error]);
  const ready = to !== null && note.trim() !== '';
  // Nobody to choose: the dialog says what to do instead, and offers no form that cannot be sent.
  const nobody = colleagues.isSuccess && people.length === 0;

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
        {nobody && (
          <Alert color="gray" data-testid="hand-off-nobody">
            Nobody else holds the {roleName} role. Put the task back in the pool instead, or ask a lead.
          </Alert>
        )}
        {nobody ? (
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Close
            </Button>
          </Group>
        ) : (
          <>
            <Select
              label="Colleague"
              placeholder={colleagues.isPending ? 'Loading…' : 'Choose who takes it over'}
              data={people.map((p) => ({ value: p.id, label: p.displayName }))}
              value={to}
              onChange={(next) => {
                // Another colleague chosen: what was said of the last one no longer applies.
                if (refused.fields.to) hand.reset();
                setTo(next);
              }}
              searchable
              required
              id={colleagueId}
              error={refused.fields.to}
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
              onChange={(e) => {
                if (refused.fields.note) hand.reset();
                setNote(e.currentTarget.value);
              }}
              id={noteId}
              error={refused.fields.note}
              data-testid="hand-off-note"
            />
            {refused.above && (
              <Alert color="red" title="Not handed over" data-testid="hand-off-error">
                {refused.above}
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
          </>
        )}
      </Stack>
    </Modal>
  );
}
