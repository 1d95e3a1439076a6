import { Box, Button, CloseButton, Group, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { dismissStarted, type StartedNotice, useStartedNotices } from './justStarted.ts';
import { startedText } from './startedText.ts';
import { withdrawRequest } from './withdrawRequest.tsx';
import classes from './work.module.css';

/** How long a notice offers its Withdraw (longer while the pointer is on it). */
export const STARTED_NOTICE_MS = 20_000;

/**
 * "Request started", above the list instead of a toast over it: a toast in the corner covered the
 * queue's rows for its 20 seconds. Two or three lines, for the newest request only (three stacked took
 * most of the list's height on a laptop); it offers Withdraw for a typo or a call logged twice. The
 * older ones keep the same way back in Request status and on their task.
 */
export function StartedNotices() {
  const [notice] = useStartedNotices();
  if (!notice) return null;
  return <Notice key={notice.instanceId} notice={notice} />;
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
    <Box
      mx="xs"
      mb="xs"
      px="xs"
      py={6}
      role="status"
      className={classes.startedNotice}
      data-testid="request-started"
      onPointerEnter={() => setHeld(true)}
      onPointerLeave={() => setHeld(false)}
    >
      {/* Floated: the sentence runs under the buttons once past them, two lines where it took four. */}
      <Group gap={4} wrap="nowrap" className={classes.startedNoticeActions}>
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
      <Text size="sm" lh={1.4}>
        <Text span size="sm" fw={700} c="teal.9">
          Request started:
        </Text>{' '}
        {startedText(label, notice.pool, notice.files)}
      </Text>
    </Box>
  );
}
