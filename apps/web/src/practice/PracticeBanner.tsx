import { Alert, Button, Group, Text } from '@mantine/core';
import { FlaskConical } from 'lucide-react';
import type { ReactNode } from 'react';

/** The band across a practice view: sandbox work that reaches no patient and counts nowhere. */
export function PracticeBanner({ action }: { action?: ReactNode }) {
  return (
    <Alert
      color="grape"
      variant="filled"
      radius={0}
      icon={<FlaskConical size={20} aria-hidden />}
      data-testid="practice-banner"
      role="region"
      aria-label="Practice mode"
      styles={{ root: { backgroundColor: 'var(--mantine-color-grape-9)' } }}
    >
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Text size="sm" c="white">
          <Text span inherit fw={700}>
            Practice run — nothing here reaches a patient.
          </Text>{' '}
          Made-up requests: nobody is notified or emailed, and nothing counts on the tracking sheet, in real
          queues or in audit reports.
        </Text>
        {action}
      </Group>
    </Alert>
  );
}

export function LeavePracticeButton({ onClick }: { onClick: () => void }) {
  return (
    <Button size="compact-sm" variant="white" color="grape.9" onClick={onClick} data-testid="practice-leave">
      Leave practice
    </Button>
  );
}
