import { Alert, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { Send } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { refusalOf, useFocusFirstRefused } from '../forms/fieldProblems.ts';
import { useSendTestEmail } from './api.ts';

const INPUTS = { to: 'test-email-to' };
/** Refusals about the address though they name no field: none given and none saved. */
const ABOUT_TO = { NO_EMAIL_ADDRESS: 'to' };

/**
 * "Send a test email": checks the server's mail settings now, to the admin's own address (left empty)
 * or one typed, instead of waiting for a real task to go overdue. Shows delivered, or the failure's
 * code (e.g. SMTP_UNREACHABLE) and the sentence saying what to check.
 */
export function TestEmail() {
  const send = useSendTestEmail();
  const [to, setTo] = useState('');

  const focusRefused = useFocusFirstRefused();
  const refusal = refusalOf(send.error, Object.keys(INPUTS), ABOUT_TO);

  function submit(e: FormEvent) {
    e.preventDefault();
    send.mutate(to.trim() ? { to: to.trim() } : {}, {
      onError: (error) => focusRefused(refusalOf(error, Object.keys(INPUTS), ABOUT_TO).fields, INPUTS),
    });
  }

  const outcome = send.data;
  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} aria-label="Test email">
      <Stack gap="sm">
        <Title order={3} size="h4">
          Test email
        </Title>
        <Text size="sm" c="gray.8">
          Checks the mail server settings now. Leave the address empty to send it to your own (saved under
          Email notifications).
        </Text>
        <Group align="flex-end" wrap="wrap">
          <TextInput
            label="Send to"
            type="email"
            placeholder="Your own address"
            value={to}
            onChange={(e) => {
              setTo(e.currentTarget.value);
              if (refusal.fields.to) send.reset();
            }}
            error={refusal.fields.to}
            id={INPUTS.to}
            data-testid="test-email-to"
            w={320}
          />
          <Button
            type="submit"
            variant="default"
            leftSection={<Send size={16} aria-hidden />}
            loading={send.isPending}
            data-testid="test-email-send"
          >
            Send a test email
          </Button>
        </Group>
        <div aria-live="polite" data-testid="test-email-result">
          {refusal.above && (
            <Alert color="red" title="Not sent" role="alert">
              {refusal.above}
            </Alert>
          )}
          {outcome?.delivered && (
            <Alert color="teal.9" variant="outline" title="Test email sent">
              The mail server took it for {outcome.to}. If it does not arrive, look in the spam folder.
            </Alert>
          )}
          {outcome?.failure && (
            <Alert color="red" title={`Not sent: ${outcome.failure.code}`} role="alert">
              {outcome.failure.message}
            </Alert>
          )}
        </div>
      </Stack>
    </Paper>
  );
}
