import { Button, Group, Modal, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { focusOnShow } from '../shell/focusOnShow.ts';

interface Props {
  opened: boolean;
  title: string;
  /** What happens, in words, so the admin decides knowing it. */
  children: ReactNode;
  /** The confirming button's label: the action itself ("Disable account"). */
  confirm: string;
  color?: string;
  busy?: boolean;
  /** False while what the dialog says is still loading. */
  ready?: boolean;
  onConfirm: () => void;
  onClose: () => void;
  testId?: string;
}

/** An account action's confirmation, in the app's own dialog (never the browser's). */
export function ConfirmDialog({
  opened,
  title,
  children,
  confirm,
  color = 'red.9',
  busy = false,
  ready = true,
  onConfirm,
  onClose,
  testId,
}: Props) {
  return (
    <Modal
      opened={opened}
      onClose={busy ? () => undefined : onClose}
      title={title}
      closeButtonProps={{ 'aria-label': 'Close' }}
      data-testid={testId}
    >
      <Stack gap="sm">
        {children}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button
            color={color}
            loading={busy}
            disabled={!ready}
            onClick={onConfirm}
            data-autofocus
            ref={focusOnShow}
          >
            {confirm}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
