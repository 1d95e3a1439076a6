import { List, Stack, Text, Title } from '@mantine/core';
import { CHANGE_KINDS, CHANGE_LABELS, type RoleChange } from '@portalflow/engine';

/** What changed in a role's job, grouped: steps, outcomes, deadlines, escalations, handoffs. */
export function RoleChangeList({ change, testId }: { change: RoleChange; testId?: string }) {
  return (
    <Stack gap="xs" data-testid={testId ?? 'role-changes'}>
      {CHANGE_KINDS.filter((k) => change[k].length > 0).map((kind) => (
        <div key={kind}>
          <Title order={4} size="h6">
            {CHANGE_LABELS[kind]}
          </Title>
          <List size="sm" spacing={2}>
            {change[kind].map((item) => (
              <List.Item key={`${item.definitionId}|${item.text}`}>
                <Text span size="sm" c="gray.7">
                  {item.workflowTitle}:{' '}
                </Text>
                {item.text}
              </List.Item>
            ))}
          </List>
        </div>
      ))}
    </Stack>
  );
}
