import { Badge, Stack, Text } from '@mantine/core';
import type { WebhookHealthView } from '@portalflow/contract';
import { formatWhen } from '../shell/time.ts';

/**
 * "Test event failed Today 9:14 AM: The receiver failed while taking it (HTTP 500)… (RECEIVER_ERROR)":
 * the sentence first, its code after, so the admin reads what the receiver answered before the code
 * they quote to its owner.
 */
export function testFailedLine(at: string, error: string | null, now = Date.now()): string {
  const when = formatWhen(at, now);
  if (!error) return `Test event failed ${when}.`;
  const coded = /^([A-Z][A-Z0-9_]+): (.*)$/s.exec(error);
  return coded
    ? `Test event failed ${when}: ${coded[2]} (${coded[1]})`
    : `Test event failed ${when}: ${error}`;
}

/**
 * How one receiver's deliveries stand, in the subscriptions list: failing (since when, why, how many
 * wait), or when it last took one. A receiver that is down shows here without reading every delivery.
 */
export function ReceiverHealth({ health }: { health: WebhookHealthView | undefined }) {
  if (!health) return null;
  const failing = health.retrying > 0;
  return (
    <Stack gap={2} data-testid="webhook-health" data-failing={failing}>
      {failing ? (
        <>
          <Badge color="red.9" variant="outline" style={{ minWidth: 'max-content' }}>
            Failing
          </Badge>
          <Text size="xs" c="gray.8">
            {health.retrying} being retried
            {health.failingSince ? ` since ${formatWhen(health.failingSince)}` : ''}
          </Text>
          {health.lastError && (
            <Text size="xs" c="red.9">
              {health.lastError}
            </Text>
          )}
        </>
      ) : (
        <Text size="xs" c="gray.8">
          {health.waiting > 0 ? `${health.waiting} waiting · ` : ''}
          {health.lastDeliveredAt
            ? `Last delivered ${formatWhen(health.lastDeliveredAt)}`
            : 'Nothing delivered yet'}
        </Text>
      )}
      {health.lastTest?.status === 'dead' && (
        <Text size="xs" c="red.9" data-testid="webhook-test-failed">
          {testFailedLine(health.lastTest.at, health.lastTest.error)}
        </Text>
      )}
      {health.dead > 0 && (
        <Text size="xs" c="gray.8">
          {health.dead} given up (Failed, below)
        </Text>
      )}
    </Stack>
  );
}
