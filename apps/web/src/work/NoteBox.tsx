import { Button, Checkbox, Group, Stack, Text, Textarea } from '@mantine/core';
import { MessageSquarePlus } from 'lucide-react';
import { useEffect, useRef } from 'react';

/** Who reads a note on a request: the server's rule (`canReadInstance`), in the words staff use. */
export const NOTE_READERS =
  'Read by everyone who works on this request, before and after you, and by leads and auditors. Never shown to the patient.';

export interface NoteDraft {
  body: string;
  forNextRole: boolean;
}

/** A note is usually a handoff: it is marked for the next role unless unticked. */
export const EMPTY_NOTE: NoteDraft = { body: '', forNextRole: true };

interface Props {
  draft: NoteDraft;
  onChange: (draft: NoteDraft) => void;
  /** Whoever can finish the task: the note also goes with the outcome they choose. */
  withOutcome: boolean;
  saving: boolean;
  disabled?: boolean;
  /** Saves the note now, without finishing the task. */
  onSaveNow: () => void;
}

/**
 * The task's one note box. Notes written from a task are notes on the request, read by the same
 * people however they are saved; the only choice is when: with the outcome (for whoever can finish
 * the task) or now (anyone working the request, e.g. while waiting for a call back).
 */
export function NoteBox({ draft, onChange, withOutcome, saving, disabled = false, onSaveNow }: Props) {
  const empty = draft.body.trim() === '';
  const box = useRef<HTMLTextAreaElement>(null);
  // Saving disables the button under the focus, which fell to the page: once saved (or refused), the
  // focus is back in the box, ready for the next note, unless the person moved it meanwhile.
  const savedFromHere = useRef(false);
  useEffect(() => {
    if (saving || !savedFromHere.current) return;
    savedFromHere.current = false;
    const active = document.activeElement;
    if (!active || active === document.body) box.current?.focus();
  }, [saving]);
  return (
    <Stack gap={6} data-testid="note-box">
      <Textarea
        label="Note on this request"
        description={<span data-testid="task-note-readers">{NOTE_READERS}</span>}
        autosize
        minRows={2}
        maxRows={6}
        maxLength={8000}
        ref={box}
        value={draft.body}
        disabled={disabled}
        onChange={(e) => onChange({ ...draft, body: e.currentTarget.value })}
        data-testid="task-note"
      />
      {!empty && (
        <Checkbox
          label="For the next role: show it at the top of their task"
          checked={draft.forNextRole}
          disabled={disabled}
          onChange={(e) => onChange({ ...draft, forNextRole: e.currentTarget.checked })}
          data-testid="task-note-for-next"
        />
      )}
      <Group justify="space-between" gap="xs" wrap="wrap">
        {withOutcome && !empty ? (
          <Text size="xs" c="gray.7" data-testid="task-note-when">
            Saved with the outcome you choose below, with Back to pool, or now with Save note now.
          </Text>
        ) : (
          <span />
        )}
        <Button
          type="button"
          size="xs"
          variant="default"
          leftSection={<MessageSquarePlus size={14} aria-hidden />}
          loading={saving}
          disabled={disabled || empty}
          onClick={() => {
            savedFromHere.current = true;
            onSaveNow();
          }}
          data-testid="task-note-save"
        >
          {withOutcome ? 'Save note now' : 'Add note'}
        </Button>
      </Group>
    </Stack>
  );
}
