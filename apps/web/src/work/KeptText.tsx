import { Alert, Button, CopyButton, Text, Textarea } from '@mantine/core';
import { Check, Copy } from 'lucide-react';

/**
 * Text typed on a task that the server would no longer take from this person (the request ended, the
 * task moved away): kept read-only on this screen to copy, never sent and never put in the address.
 */
export function KeptText({
  title,
  why,
  label,
  copyLabel,
  text,
  maxRows,
  testId,
}: {
  title: string;
  /** Why it could not be saved, said first. */
  why: string;
  /** The read-only box's accessible name. */
  label: string;
  copyLabel: string;
  text: string;
  maxRows: number;
  testId: string;
}) {
  return (
    <Alert color="gray" variant="light" title={title} data-testid={testId}>
      <Text size="sm">
        {why} What you typed is kept here while this task is open on this screen: copy it to keep it.
      </Text>
      <Textarea readOnly aria-label={label} value={text} autosize minRows={2} maxRows={maxRows} mt={6} />
      <CopyButton value={text}>
        {({ copied, copy }) => (
          <Button
            size="xs"
            variant="default"
            mt={6}
            leftSection={copied ? <Check size={14} aria-hidden /> : <Copy size={14} aria-hidden />}
            onClick={copy}
          >
            {copied ? 'Copied' : copyLabel}
          </Button>
        )}
      </CopyButton>
    </Alert>
  );
}
