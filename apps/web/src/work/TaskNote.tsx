import { Text } from '@mantine/core';
import { KeptNote } from './KeptNote.tsx';
import { NoteBox, type NoteDraft } from './NoteBox.tsx';

interface Props {
  draft: NoteDraft;
  onChange: (draft: NoteDraft) => void;
  /** The request is still active: it takes notes. */
  canAddNote: boolean;
  /** The task is open (not finished here, on another screen or by a colleague). */
  taskOpen: boolean;
  /** Whoever can finish the task: the note also goes with the outcome they choose. */
  withOutcome: boolean;
  saving: boolean;
  disabled?: boolean;
  onSaveNow: () => void;
}

/**
 * A task's note box and what becomes of a note typed in it when the task closes meanwhile (finished on
 * another screen, say): still in the box, said to be not saved yet, while the request goes on; kept to
 * copy once the request has ended and takes no more notes. The same with a form or without one.
 */
export function TaskNote({ draft, canAddNote, taskOpen, ...box }: Props) {
  const typed = draft.body.trim() !== '';
  if (!canAddNote) return typed ? <KeptNote text={draft.body} /> : null;
  return (
    <>
      {!taskOpen && typed && (
        <Text size="sm" c="gray.7" data-testid="note-kept-hint">
          Your note is not saved yet. The task is closed, so Add note puts it on the request.
        </Text>
      )}
      <NoteBox draft={draft} {...box} />
    </>
  );
}
