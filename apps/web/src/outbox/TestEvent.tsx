import { Button, Stack, Text } from '@mantine/core';
import { useSendTestEvent } from './api.ts';

/**
 * "Send test event": a `portalflow.test` event (no patient data, signed and numbered like the others)
 * to one subscription now, so its admin checks the receiver without waiting for real work. The answer
 * shows beside the button: delivered, or the failure's code and sentence.
 */
export function TestEvent({ id }: { id: string }) {
  const send = useSendTestEvent();
  const outcome = send.data;
  return (
    <Stack gap={4} align="flex-start" maw={320}>
      <Button
        size="compact-sm"
        variant="default"
        loading={send.isPending}
        onClick={() => send.mutate(id)}
        data-testid="webhook-test"
      >
        Send test event
      </Button>
      <div aria-live="polite" data-testid="webhook-test-result">
        {send.error && (
          <Text size="xs" c="red.9">
            Not sent: {send.error.message}
          </Text>
        )}
        {outcome?.delivered && (
          <Text size="xs" c="teal.9">
            Test event delivered (number {outcome.delivery.sequence}).
          </Text>
        )}
        {outcome?.failure && (
          <Text size="xs" c="red.9">
            Test event not delivered: {outcome.failure.code}: {outcome.failure.message}
          </Text>
        )}
      </div>
    </Stack>
  );
}
