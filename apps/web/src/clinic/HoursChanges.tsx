import { List, Paper, Stack, Text, Title } from '@mantine/core';
import type { ClinicHoursChange } from '@portalflow/contract';
import { formatWhen } from '../shell/time.ts';

/** Every save of the clinic hours, newest first: when, who, why, and what changed. */
export function HoursChanges({ changes }: { changes: ClinicHoursChange[] }) {
  return (
    <Paper withBorder p="md" data-testid="hours-changes">
      <Title order={3} size="h4" mb="xs">
        Changes
      </Title>
      {changes.length === 0 ? (
        <Text size="sm" c="dimmed">
          No changes yet: these are the hours the server was set up with.
        </Text>
      ) : (
        <Stack gap="sm">
          {changes.map((change) => (
            <div key={change.revision}>
              <Text size="sm" fw={600}>
                {formatWhen(change.at)} · {change.by?.displayName ?? 'a former account'}
                {change.reason ? ` · “${change.reason}”` : ''}
              </Text>
              <List size="sm" spacing={2}>
                {change.summary.map((line) => (
                  <List.Item key={line}>{line}</List.Item>
                ))}
              </List>
            </div>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
