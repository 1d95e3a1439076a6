import { KeptText } from './KeptText.tsx';

/**
 * A note typed on a task whose request ended meanwhile (the same person finished it on another screen,
 * say): the server takes no more notes on an ended request, so the text is kept here to copy rather
 * than vanishing with the note box.
 */
export function KeptNote({
  text,
  why = 'This request has ended, so no more notes can be added to it.',
}: {
  text: string;
  /** Why the note could not be saved (the request ended; the task moved to a role you do not hold). */
  why?: string;
}) {
  return (
    <KeptText
      title="Your note was not saved"
      why={why}
      label="Your note, not saved"
      copyLabel="Copy the note"
      text={text}
      maxRows={6}
      testId="note-kept"
    />
  );
}
