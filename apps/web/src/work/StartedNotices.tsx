import { Alert, Button, CloseButton, Group, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { dismissStarted, type StartedNotice, useStartedNotices } from './justStarted.ts';
import { startedText } from './startedText.ts';
import { withdrawRequest } from './withdrawRequest.tsx';

/** How long a notice offers its Withdraw (longer while the pointer is on it). */
export const STARTED_NOTICE_MS = 20_000;

/**
 * "Request started", above the list instead of a toast over it: a toast in the corner covered the
 * queue's rows for its 20 seconds. Each offers Withdraw for a typo or a call logged twice; the same way
 * back stays in Request status and on the request's task afterwards.
 */
export function StartedNotices() {
  const notices = useStartedNotices();
  if (notices.length === 0) return null;
  return (
    <Stack gap={6} px="xs" mb="xs">
      {notices.map((n) => (
        <Notice key={n.instanceId} notice={n} />
      ))}
    </Stack>
  );
}

function Notice({ notice }: { notice: StartedNotice }) {
  const client = useQueryClient();
  const [held, setHeld] = useState(false);
  const { instanceId, label } = notice;
  useEffect(() => {
    if (held) return;
    const timer = setTimeout(() => dismissStarted(instanceId), STARTED_NOTICE_MS);
    return () => clearTimeout(timer);
  }, [held, instanceId]);
  return (
    <Alert
      color="teal"
      variant="light"
      title="Request started"
      role="status"
      p="xs"
      // On Mantine's light teal tint the dark teal title is below 4.5:1; on the palest tint it reads.
      styles={{
        root: { background: 'var(--mantine-color-teal-0)' },
        title: { color: 'var(--mantine-color-teal-9)' },
      }}
      data-testid="request-started"
      onPointerEnter={() => setHeld(true)}
      onPointerLeave={() => setHeld(false)}
    >
      <Group gap="xs" justify="space-between" wrap="nowrap" align="flex-start">
        <Text size="sm">{startedText(label, notice.pool, notice.files)}</Text>
        <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
          <Button
            size="compact-sm"
            variant="default"
            onClick={() => {
              dismissStarted(instanceId);
              void withdrawRequest(client, instanceId, label);
            }}
            data-testid="withdraw-request"
          >
            Withdraw
          </Button>
          <CloseButton size="sm" aria-label="Dismiss" onClick={() => dismissStarted(instanceId)} />
        </Group>
      </Group>
    </Alert>
  );
}
