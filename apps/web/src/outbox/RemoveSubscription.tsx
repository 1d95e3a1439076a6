import { Button, Code, Group, Modal, Stack, Text } from '@mantine/core';
import { focusOnShow } from '../shell/focusOnShow.ts';

/**
 * Asks before a webhook subscription is removed: it cannot be brought back (a new subscription has a
 * new signing secret the other system must be given again), and that system silently stops hearing
 * about requests, so the admin is told which receiver and what stops.
 */
export function RemoveSubscription({
  url,
  busy,
  onRemove,
  onClose,
}: {
  /** The receiver being removed; null when no removal is being asked about. */
  url: string | null;
  busy: boolean;
  onRemove: () => void;
  onClose: () => void;
}) {
  return (
    <Modal
      opened={url !== null}
      onClose={busy ? () => undefined : onClose}
      title="Remove this webhook subscription?"
      closeButtonProps={{ 'aria-label': 'Close' }}
      data-testid="confirm-remove-webhook"
    >
      <Stack gap="sm">
        <Code block style={{ wordBreak: 'break-all' }}>
          {url}
        </Code>
        <Text size="sm">
          That system stops hearing about requests and tasks at once, and deliveries still waiting for it are
          not sent.
        </Text>
        <Text size="sm" fw={600}>
          This cannot be undone: a new subscription gets a new signing secret, which the other system must be
          given again.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={busy}>
            Keep it
          </Button>
          <Button color="red.9" loading={busy} onClick={onRemove} data-autofocus ref={focusOnShow}>
            Remove subscription
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
