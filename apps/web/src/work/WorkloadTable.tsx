import { Group, Progress, SimpleGrid, Text, UnstyledButton } from '@mantine/core';
import { TriangleAlert } from 'lucide-react';
import type { RoleLoad } from './team.ts';
import { useRoleName } from './useRoleName.ts';

interface Props {
  rows: RoleLoad[];
  activeRole: string | null;
  onPickRole: (role: string | null) => void;
}

/**
 * Workload per role as small bars: overdue (red), assigned (teal), unassigned (grey), with the
 * counts in words beside them. Choosing a role filters the table to it.
 */
export function WorkloadTable({ rows, activeRole, onPickRole }: Props) {
  const roleName = useRoleName();
  if (rows.length === 0) {
    return (
      <Text size="sm" c="gray.7">
        No open work in any role.
      </Text>
    );
  }
  return (
    <SimpleGrid cols={{ base: 2, md: 3, xl: 4 }} spacing={6} verticalSpacing={6} data-testid="team-workload">
      {rows.map((r) => {
        const active = activeRole === r.role;
        const onTime = {
          assigned: r.open - r.unassigned - (r.overdue - r.overdueUnassigned),
          unassigned: r.unassigned - r.overdueUnassigned,
        };
        return (
          <UnstyledButton
            key={r.role}
            onClick={() => onPickRole(active ? null : r.role)}
            aria-pressed={active}
            data-testid={`workload-${r.role}`}
            p={8}
            style={{
              border: `1px solid var(--mantine-color-${active ? 'teal-6' : 'gray-3'})`,
              borderRadius: 'var(--mantine-radius-sm)',
              background: active ? 'var(--mantine-color-teal-0)' : undefined,
            }}
          >
            <Group justify="space-between" gap={4} wrap="nowrap">
              <Text size="xs" fw={600} truncate>
                {roleName(r.role)}
              </Text>
              {r.overdue > 0 && (
                <Group gap={2} wrap="nowrap" c="red.9" style={{ flexShrink: 0 }}>
                  <TriangleAlert size={12} aria-hidden />
                  <Text size="xs" fw={700} c="red.9" component="span">
                    {r.overdue} overdue
                  </Text>
                </Group>
              )}
            </Group>
            <Progress.Root size={8} mt={4} aria-hidden>
              <Progress.Section value={(r.overdue / r.open) * 100} color="red.7" />
              <Progress.Section value={(onTime.assigned / r.open) * 100} color="teal.6" />
              <Progress.Section value={(onTime.unassigned / r.open) * 100} color="gray.4" />
            </Progress.Root>
            <Text size="xs" c="gray.7" mt={2}>
              {r.open} open · {r.unassigned} unassigned
            </Text>
          </UnstyledButton>
        );
      })}
    </SimpleGrid>
  );
}
