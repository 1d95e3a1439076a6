import { Alert, Stack, Text } from '@mantine/core';
import { Star } from 'lucide-react';
import type { RequestNote } from '../api/types.ts';
import { formatWhen } from '../shell/time.ts';

interface Props {
  /** The notes the server picked for this task (`forYou`): the round that led here, by others. */
  notes: RequestNote[];
  /** The task shown: notes written on it came from whoever held it before (released or handed over). */
  taskId: string;
  nameOf: (userId: string | null | undefined, fallback?: string) => string;
  now: number;
}

/**
 * The notes written for whoever takes the request next, at the top of the task: who wrote each, on
 * which step and when, so a request that went back and forth reads as the round it is in.
 */
export function NotesForYou({ notes, taskId, nameOf, now }: Props) {
  if (notes.length === 0) return null;
  const one = notes.length === 1;
  // Handed over on this very task (a colleague covering): not from a step before, from who had it.
  const fromHolder = notes.every((n) => n.taskId === taskId);
  return (
    <Alert
      color="yellow"
      variant="light"
      icon={<Star size={16} aria-hidden />}
      title={
        fromHolder
          ? `${one ? 'A note' : 'Notes'} for you from whoever had this task before you`
          : one
            ? 'A note for you from the step before'
            : 'Notes for you from the steps before'
      }
      data-testid="notes-for-next-role"
    >
      <Stack gap={6}>
        {notes.map((n) => (
          <div key={n.id} data-testid="note-for-you">
            <Text size="sm" fw={600}>
              {nameOf(n.authorId, 'A colleague')}
              {n.stepTitle ? `, “${n.stepTitle}”` : ', on the request'}{' '}
              <Text span size="xs" fw={400} c="gray.7" data-testid="note-for-you-when">
                {formatWhen(n.at, now)}
              </Text>
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {n.body}
            </Text>
          </div>
        ))}
      </Stack>
    </Alert>
  );
}
