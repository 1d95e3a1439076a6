import { Button, Text } from '@mantine/core';
import { MessageSquarePlus } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { EMPTY_NOTE, NoteBox, type NoteDraft } from './NoteBox.tsx';
import { useAddNote } from './useAddNote.ts';

/**
 * "Add a note" on a Request status result: the patient calls back about a request the desk started
 * ("prefers mornings"), and the note goes on the request, marked for whoever holds it now unless
 * unticked. Said once saved, with where it went, so the desk can tell the caller.
 */
export function RequestStatusNote({
  instanceId,
  held,
}: {
  instanceId: string;
  /** One of its steps is in a pool or with someone now; else it waits (on the patient, a timer). */
  held: boolean;
}) {
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<NoteDraft>(EMPTY_NOTE);
  const [saved, setSaved] = useState<string | null>(null);
  const box = useRef<HTMLDivElement>(null);
  // The button pressed is gone once the box opens: the cursor goes where the note is written.
  useEffect(() => {
    if (open) box.current?.querySelector('textarea')?.focus();
  }, [open]);
  const add = useAddNote(instanceId, null, () => {
    setSaved(
      draft.forNextRole
        ? held
          ? 'Saved: whoever has the request now sees it highlighted.'
          : 'Saved: whoever works on the request next sees it highlighted.'
        : 'Saved: everyone working on the request reads it in its history.',
    );
    setDraft(EMPTY_NOTE);
  });
  return (
    <>
      {open ? (
        <div ref={box} style={{ marginTop: 8 }}>
          <NoteBox
            draft={draft}
            onChange={(next) => {
              setDraft(next);
              setSaved(null);
            }}
            withOutcome={false}
            saving={add.isPending}
            onSaveNow={() => add.mutate({ body: draft.body.trim(), forNextRole: draft.forNextRole })}
          />
        </div>
      ) : (
        <Button
          size="xs"
          variant="default"
          mt={6}
          leftSection={<MessageSquarePlus size={14} aria-hidden />}
          onClick={() => setOpen(true)}
          data-testid="request-status-add-note"
        >
          Add a note
        </Button>
      )}
      {/* Said to a screen reader too: the focus stays in the box, ready for another note. */}
      <Text size="sm" fw={500} mt={4} role="status" data-testid="request-status-note-saved">
        {saved ?? ''}
      </Text>
    </>
  );
}
