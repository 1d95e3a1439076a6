import { Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { RealPractice } from '@portalflow/contract';
import { TODO_COLOR } from './colors.ts';

/**
 * How many real requests each person completed in each workflow of their role lately. Staff who
 * answer few portal requests lose the routine: those are the people a refresher is for.
 */
export function RealPracticeSection({
  practice,
  onPlan,
}: {
  practice: RealPractice;
  /** Leads: start the schedule form from this role. */
  onPlan?: (role: string) => void;
}) {
  const { days, fewerThan, roles } = practice;
  const little = new Set(
    roles.flatMap((r) => r.people.filter((p) => p.completed.some((n) => n < fewerThan)).map((p) => p.id)),
  );
  return (
    <section data-testid="real-practice">
      <Title order={3} size="h4" mb={4}>
        Practice on real requests
      </Title>
      <Text size="sm" c="gray.7" mb="sm">
        Requests each person completed in the last {days} days, per workflow of their role (practice runs not
        counted). Fewer than {fewerThan} is little practice: a regular refresher keeps the routine.{' '}
        {roles.length > 0 &&
          (little.size === 0
            ? 'Everyone has had enough practice lately.'
            : `${little.size} ${little.size === 1 ? 'person has' : 'people have'} had little practice in at least one workflow.`)}
      </Text>
      <Stack gap="md">
        {roles.map((r) => (
          <Paper key={r.role} withBorder p="sm" data-testid="real-practice-role" data-role={r.role}>
            <Group justify="space-between" mb="xs">
              <Text fw={600}>{r.roleName}</Text>
              {onPlan && r.people.some((p) => p.completed.some((n) => n < fewerThan)) && (
                <Button
                  size="compact-sm"
                  variant="default"
                  onClick={() => onPlan(r.role)}
                  className="pf-no-print"
                  data-testid="real-practice-plan"
                >
                  Plan a refresher for this role
                </Button>
              )}
            </Group>
            {r.people.length === 0 ? (
              <Text size="sm" c="gray.7">
                Nobody holds this role.
              </Text>
            ) : (
              <Table.ScrollContainer minWidth={160 + r.workflows.length * 150}>
                <Table withTableBorder>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Person</Table.Th>
                      {r.workflows.map((w) => (
                        <Table.Th key={w.definitionId}>{w.title}</Table.Th>
                      ))}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {r.people.map((p) => (
                      <Table.Tr key={p.id} data-testid="real-practice-person" data-username={p.username}>
                        <Table.Td>{p.displayName}</Table.Td>
                        {p.completed.map((n, i) => (
                          <Table.Td key={r.workflows[i]!.definitionId} data-count={n}>
                            {n < fewerThan ? (
                              <Text size="sm" fw={600} c={TODO_COLOR}>
                                {n} · little practice
                              </Text>
                            ) : (
                              <Text size="sm">{n}</Text>
                            )}
                          </Table.Td>
                        ))}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </Paper>
        ))}
      </Stack>
    </section>
  );
}
