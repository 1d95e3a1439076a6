import { KeptText } from './KeptText.tsx';

/**
 * A note typed on a task whose request ended meanwhile (the same person finished it on another screen,
 * say): the server takes no more notes on an ended request, so the text is kept here to copy rather
 * than vanishing with the note box. On a task that moved away, a note saved with its draft went with
 * it (`saved`): said so, and shown here too.
 */
export function KeptNote({
  text,
  why = 'This request has ended, so no more notes can be added to it.',
  saved = false,
}: {
  text: string;
  /** Why the note could not be saved (the request ended; the task moved to a role you do not hold). */
  why?: string;
  /** Saved with the task's draft before it moved away: it went with the task. */
  saved?: boolean;
}) {
  return (
    <KeptText
      title={saved ? 'Your note went with the task' : 'Your note was not saved'}
      why={
        saved
          ? 'This task moved to a role you do not hold. Your note was saved with its draft and went with it: whoever takes it next finds it in the note box.'
          : why
      }
      label={saved ? 'Your note, kept with the task' : 'Your note, not saved'}
      copyLabel="Copy the note"
      text={text}
      maxRows={6}
      testId="note-kept"
    />
  );
}
