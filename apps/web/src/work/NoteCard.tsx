import { Badge, Button, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { editNote } from '@portalflow/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Pencil, Star } from 'lucide-react';
import { useState } from 'react';
import { call } from '../api/call.ts';
import { ApiError } from '../api/client.ts';
import type { RequestNote } from '../api/types.ts';
import { notifications } from '../shell/notifications.ts';
import { formatWhen } from '../shell/time.ts';
import { AMBER_TEXT } from './palette.ts';
import { useRoleName } from './useRoleName.ts';

interface Props {
  note: RequestNote;
  nameOf: (userId: string | null | undefined, fallback?: string) => string;
  now: number;
  /** The signed-in person: only a note's author may edit it, and only while the request is open. */
  meId: string;
  canEdit: boolean;
  /** Refreshes whatever shows the note after an edit. */
  onChanged: () => void;
}

/** Who wrote it, in which role, when and on which step; the text; each edit old → new. */
export function NoteCard({ note, nameOf, now, meId, canEdit, onChanged }: Props) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(note.body);
  const client = useQueryClient();
  const roleName = useRoleName();
  const save = useMutation({
    mutationFn: (body: string) =>
      call(editNote, {
        params: { id: note.instanceId, noteId: note.id },
        body: { body, revision: note.revision },
      }),
    onSuccess: () => {
      setEditing(false);
      onChanged();
    },
    onError: (error) => {
      const changed = error instanceof ApiError && error.code === 'NOTE_CHANGED';
      notifications.show({
        color: changed ? 'orange' : 'red',
        title: changed ? 'Someone edited this note first' : 'Note not saved',
        message: changed ? 'The latest wording is shown now; edit again if needed.' : error.message,
      });
      if (changed) {
        void client.invalidateQueries({ queryKey: ['task'] });
        onChanged();
      }
    },
  });
  const author = nameOf(note.authorId, 'A colleague');
  const where = note.stepTitle ? `on “${note.stepTitle}”` : 'on the request';
  return (
    <Paper
      withBorder
      p="xs"
      radius="sm"
      bg={note.forNextRole ? 'yellow.0' : undefined}
      data-testid="request-note"
      data-note-id={note.id}
    >
      <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
        <Text size="xs" fw={600}>
          {author}
          {note.authorRole ? ` (${roleName(note.authorRole)})` : ''}{' '}
          <Text span size="xs" fw={400} c="gray.7">
            {note.kind === 'completion'
              ? `wrote on finishing ${where.replace(/^on /, '')}`
              : `wrote ${where}`}
          </Text>
        </Text>
        <Text size="xs" c="gray.7" style={{ flexShrink: 0 }}>
          {formatWhen(note.at, now)}
        </Text>
      </Group>
      {note.forNextRole && (
        <Badge
          size="xs"
          tt="none"
          color="yellow"
          c={AMBER_TEXT}
          variant="light"
          mt={4}
          leftSection={<Star size={10} aria-hidden />}
        >
          For the next role
        </Badge>
      )}
      {editing ? (
        <Stack gap={6} mt={6}>
          <Textarea
            label="Edit your note"
            autosize
            minRows={2}
            maxRows={6}
            maxLength={8000}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            data-testid="note-edit-input"
          />
          <Group justify="flex-end" gap="xs">
            <Button size="xs" variant="subtle" color="gray" onClick={() => setEditing(false)}>
              Cancel
            </Button>
            <Button
              size="xs"
              onClick={() => save.mutate(text.trim())}
              loading={save.isPending}
              disabled={text.trim() === '' || text.trim() === note.body}
              data-testid="note-edit-save"
            >
              Save edit
            </Button>
          </Group>
        </Stack>
      ) : (
        <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {note.body}
        </Text>
      )}
      {note.edits.length > 0 && (
        <details>
          <summary>
            <Text span size="xs" c="gray.7">
              Edited {note.edits.length === 1 ? 'once' : `${note.edits.length} times`} — show earlier wording
            </Text>
          </summary>
          <Stack gap={2} mt={4}>
            {note.edits.map((e) => (
              <Text key={e.revision} size="xs" c="gray.8">
                {formatWhen(e.at, now)}, {nameOf(e.authorId, 'a colleague')}: “{e.from}” → “{e.to}”
              </Text>
            ))}
          </Stack>
        </details>
      )}
      {canEdit && note.authorId === meId && !editing && (
        <Group justify="flex-end" mt={4}>
          <Button
            size="compact-xs"
            variant="subtle"
            leftSection={<Pencil size={12} aria-hidden />}
            onClick={() => {
              setText(note.body);
              setEditing(true);
            }}
            data-testid="note-edit"
          >
            Edit
          </Button>
        </Group>
      )}
    </Paper>
  );
}
