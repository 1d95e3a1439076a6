import { Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { cancelInstance } from '@portalflow/contract';
import type { QueryClient } from '@tanstack/react-query';
import { call } from '../api/call.ts';
import { ApiError } from '../api/client.ts';
import { countOf } from '../shell/plural.ts';

/**
 * The toast after starting a request, with a way back for a typo or a call logged twice: whoever
 * started a request may withdraw it until someone acts on it (after that, a lead cancels it).
 */
export function showStarted(
  client: QueryClient,
  label: string,
  instanceId: string,
  /** How many files were attached with it. */
  files = 0,
): void {
  const id = `started-${instanceId}`;
  const withdraw = async () => {
    notifications.update({ id, loading: true, title: 'Withdrawing…', message: label, autoClose: false });
    try {
      await call(cancelInstance, {
        params: { id: instanceId },
        body: { reason: 'Started in error (withdrawn by whoever started it)' },
        idempotencyKey: `withdraw-${instanceId}`,
      });
      await client.invalidateQueries({ queryKey: ['tasks'] });
      notifications.update({
        id,
        loading: false,
        color: 'gray',
        title: 'Request withdrawn',
        message: `${label} will not be worked on.`,
        autoClose: 6000,
      });
    } catch (error) {
      const late = error instanceof ApiError && error.code === 'REQUEST_UNDER_WAY';
      notifications.update({
        id,
        loading: false,
        color: 'orange',
        title: late ? 'Too late to withdraw' : 'Not withdrawn',
        message: late
          ? 'Someone has already started on it. Ask a lead to cancel it.'
          : error instanceof Error
            ? error.message
            : 'The request could not be withdrawn.',
        autoClose: 10_000,
      });
    }
  };
  notifications.show({
    id,
    color: 'teal',
    title: 'Request started',
    autoClose: 12_000,
    message: (
      <Group gap="xs" justify="space-between" wrap="nowrap">
        <Text size="sm">
          {label} is in its pool{files > 0 ? `, with ${countOf(files, 'file')} attached` : ''}.
        </Text>
        <Button
          size="compact-xs"
          variant="subtle"
          onClick={() => void withdraw()}
          data-testid="withdraw-request"
        >
          Withdraw
        </Button>
      </Group>
    ),
  });
}
