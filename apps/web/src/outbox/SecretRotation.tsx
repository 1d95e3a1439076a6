import { Button, Stack, Text } from '@mantine/core';
import { notifications } from '../shell/notifications.ts';
import { useFinishRotation, useRotateSecret } from './api.ts';

/**
 * A subscription's signing secret, changed without a gap: "Rotate secret" makes a new one (shown once
 * by the page) while the old one keeps signing too, so the receiver can switch whenever it is ready;
 * "Finish rotation" then stops the old one.
 */
export function SecretRotation({
  id,
  rotating,
  onNewSecret,
}: {
  id: string;
  rotating: boolean;
  onNewSecret: (secret: string) => void;
}) {
  const rotate = useRotateSecret();
  const finish = useFinishRotation();

  async function start() {
    try {
      onNewSecret((await rotate.mutateAsync(id)).secret);
    } catch (error) {
      notifications.show({ color: 'red', title: 'Secret not changed', message: (error as Error).message });
    }
  }

  async function end() {
    try {
      await finish.mutateAsync(id);
      notifications.show({
        color: 'teal',
        title: 'Rotation finished',
        message: 'Only the new secret signs from now on.',
      });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Not finished', message: (error as Error).message });
    }
  }

  if (rotating)
    return (
      <Stack gap={4} align="flex-start">
        <Text size="xs" c="gray.8" data-testid="webhook-rotating">
          Signed with the new and the old secret
        </Text>
        <Button
          size="compact-sm"
          variant="default"
          loading={finish.isPending}
          onClick={() => void end()}
          data-testid="webhook-rotation-finish"
        >
          Finish rotation
        </Button>
      </Stack>
    );
  return (
    <Button
      size="compact-sm"
      variant="default"
      loading={rotate.isPending}
      onClick={() => void start()}
      data-testid="webhook-rotate"
    >
      Rotate secret
    </Button>
  );
}
