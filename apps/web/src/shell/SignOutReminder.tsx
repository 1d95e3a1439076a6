import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { releaseTask } from '@portalflow/contract';
import { useState } from 'react';
import { call } from '../api/call.ts';
import { newIdempotencyKey } from '../api/client.ts';
import type { Task } from '../api/types.ts';
import { formatWhen } from './time.ts';

interface Props {
  /** The urgent tasks still held, due within the hour (urgentHeld); empty: closed. */
  held: Task[];
  onSignOut: () => void;
  onKeep: () => void;
}

/**
 * Asked before signing out while holding an urgent task due soon: left held, it waits for nobody until
 * the next shift. Back to pool and sign out hands each back to its pool; Sign out anyway keeps them.
 */
export function SignOutReminder({ held, onSignOut, onKeep }: Props) {
  const [releasing, setReleasing] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const first = held[0];
  const count = held.length;
  async function releaseAndSignOut() {
    setReleasing(true);
    setFailed(null);
    try {
      for (const t of held)
        await call(releaseTask, { params: { id: t.id }, idempotencyKey: newIdempotencyKey() });
      onSignOut();
    } catch (error) {
      setFailed(error instanceof Error ? error.message : 'Could not hand it back; try again.');
    } finally {
      setReleasing(false);
    }
  }
  return (
    <Modal
      opened={count > 0}
      onClose={onKeep}
      title="Before you sign out"
      data-testid="sign-out-reminder"
      centered
    >
      <Stack gap="sm">
        <Text size="sm" data-testid="sign-out-reminder-text">
          {first
            ? `You still hold ${count === 1 ? '1 urgent task' : `${count} urgent tasks`} due ${formatWhen(first.due, Date.now())}${count > 1 ? ' or sooner' : ''}: hand ${count === 1 ? 'it' : 'them'} back to the pool so a colleague can take ${count === 1 ? 'it' : 'them'}, or keep ${count === 1 ? 'it' : 'them'}.`
            : ''}
        </Text>
        {held.map((t) => (
          <Text key={t.id} size="sm" fw={600}>
            {t.title}
          </Text>
        ))}
        {failed && (
          <Text size="sm" c="red.9" role="alert">
            {failed}
          </Text>
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onKeep} data-testid="sign-out-keep-working">
            Keep working
          </Button>
          <Button variant="default" onClick={onSignOut} data-testid="sign-out-anyway">
            Sign out anyway
          </Button>
          <Button loading={releasing} onClick={releaseAndSignOut} data-testid="sign-out-release">
            Back to pool and sign out
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
