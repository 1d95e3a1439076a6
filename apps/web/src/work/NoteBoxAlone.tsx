import { EMPTY_NOTE, type NoteDraft } from './NoteBox.tsx';
import { TaskNote } from './TaskNote.tsx';
import { useAddNote } from './useAddNote.ts';

/**
 * The note box on its own, for a task whose step has no form to finish it with: notes are saved now.
 * A note typed here when the task closes meanwhile is handled as on a form (TaskNote): kept to copy once
 * the request has ended.
 */
export function NoteBoxAlone({
  instanceId,
  openTaskId,
  canAddNote,
  onAdded,
  draft,
  onChange: setDraft,
}: {
  instanceId: string;
  /** The task, while it is open. */
  openTaskId: string | null;
  /** The request is still active: it takes notes. */
  canAddNote: boolean;
  onAdded: () => void;
  /** The typed note, kept by the panel so Release can take it along. */
  draft: NoteDraft;
  onChange: (draft: NoteDraft) => void;
}) {
  const add = useAddNote(instanceId, openTaskId, () => {
    setDraft(EMPTY_NOTE);
    onAdded();
  });
  return (
    <TaskNote
      draft={draft}
      onChange={setDraft}
      canAddNote={canAddNote}
      taskOpen={openTaskId !== null}
      withOutcome={false}
      saving={add.isPending}
      onSaveNow={() => add.mutate({ body: draft.body.trim(), forNextRole: draft.forNextRole })}
    />
  );
}
