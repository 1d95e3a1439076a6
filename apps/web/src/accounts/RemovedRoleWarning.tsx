import { Group, Loader, Text } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { CatalogRole } from './api.ts';
import { heldInRemoved, removedRoleTasksText } from './removedRoleTasks.ts';

/**
 * Under the roles, before saving: how many open tasks the person holds in the roles being taken away.
 * Saving sends those back to their pools (the server does it in the same save), so the admin knows first.
 */
export function RemovedRoleWarning({
  name,
  removed,
  roles,
  held,
}: {
  name: string;
  removed: readonly string[];
  roles: readonly CatalogRole[];
  held: UseQueryResult<Record<string, number>>;
}) {
  const roleNames = removed.map((id) => roles.find((r) => r.id === id)?.name ?? id);
  if (held.isPending)
    return (
      <Group gap="xs">
        <Loader size="xs" />
        <Text size="sm">Counting the open tasks {name} holds in that role…</Text>
      </Group>
    );
  if (held.isError)
    return (
      <Text size="sm" data-testid="removed-role-tasks">
        Their open tasks could not be counted just now; whatever they hold as {roleNames.join(' or ')} goes
        back to its pool when you save.
      </Text>
    );
  const open = heldInRemoved(held.data, removed);
  return (
    <Text
      size="sm"
      fw={open > 0 ? 600 : undefined}
      c={open > 0 ? 'orange.9' : 'gray.7'}
      data-testid="removed-role-tasks"
    >
      {removedRoleTasksText(name, open, roleNames)}
    </Text>
  );
}
