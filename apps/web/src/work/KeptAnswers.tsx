import { Alert, Button, CopyButton, Text, Textarea } from '@mantine/core';
import { Check, Copy } from 'lucide-react';
import { type KeptAnswer, keptAnswersText } from './keptAnswers.ts';

/**
 * Form answers typed on a task that moved away before they were sent (a deadline escalated it, a lead
 * reassigned it): the server no longer takes them from this person, so they are kept here, read-only,
 * to copy — by field label, in words. Held on this screen only: never sent, never put in the address.
 */
export function KeptAnswers({ answers }: { answers: readonly KeptAnswer[] }) {
  const text = keptAnswersText(answers);
  return (
    <Alert color="gray" variant="light" title="Your answers were not saved" data-testid="answers-kept">
      <Text size="sm">
        This task moved to a role you do not hold, so its form can no longer be sent. What you typed is kept
        here while this task is open on this screen: copy it to keep it.
      </Text>
      <Textarea
        readOnly
        aria-label="Your answers, not saved"
        value={text}
        autosize
        minRows={2}
        maxRows={10}
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
            {copied ? 'Copied' : 'Copy the answers'}
          </Button>
        )}
      </CopyButton>
    </Alert>
  );
}
