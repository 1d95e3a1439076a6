import { Alert, Button, CopyButton, Text, Textarea } from '@mantine/core';
import { Check, Copy } from 'lucide-react';

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
    <Alert color="gray" variant="light" title="Your note was not saved" data-testid="note-kept">
      <Text size="sm">
        {why} Your text is kept here while this task is open on this screen: copy it to keep it.
      </Text>
      <Textarea
        readOnly
        aria-label="Your note, not saved"
        value={text}
        autosize
        minRows={2}
        maxRows={6}
        mt={6}
      />
      <CopyButton value={text}>
        {({ copied, copy }) => (
          <Button
            size="xs"
            variant="default"
            mt={6}
            leftSection={copied ? <Check size={14} aria-hidden /> : <Copy size={14} aria-hidden />}
            onClick={copy}
          >
            {copied ? 'Copied' : 'Copy the note'}
          </Button>
        )}
      </CopyButton>
    </Alert>
  );
}
