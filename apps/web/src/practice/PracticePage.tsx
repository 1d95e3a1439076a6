import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { listInstances, startInstance } from '@portalflow/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FlaskConical } from 'lucide-react';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { call } from '../api/call.ts';
import { ApiError, newIdempotencyKey } from '../api/client.ts';
import type { Me } from '../api/types.ts';
import { notifications } from '../shell/notifications.ts';
import { formatWhen } from '../shell/time.ts';
import { PracticeBadge } from './PracticeBadge.tsx';
import { PracticeBanner } from './PracticeBanner.tsx';
import { PracticeRun } from './PracticeRun.tsx';
import { practiceStartData } from './practiceData.ts';
import { usePracticeWorkflows } from './usePracticeWorkflows.ts';

/**
 * Practice: start a sandbox run of any published workflow you hold a role in, then work its steps in
 * My work's practice view. Practice runs stay out of real queues, the tracking sheet and audit reports.
 */
export function PracticePage({ me }: { me: Me }) {
  const navigate = useNavigate();
  const client = useQueryClient();
  const workflows = usePracticeWorkflows(me.user.roles);
  const [selected, setSelected] = useState<string | null>(null);
  const runs = useQuery({
    queryKey: ['practice', 'runs'],
    queryFn: () => call(listInstances, { query: { practice: 'true', limit: 50 } }),
    staleTime: 0,
    refetchOnMount: 'always',
  });
  const titles = new Map((workflows.data ?? []).map((d) => [d.id, d.title]));
  const start = useMutation({
    // Made-up start data on the workflow's own start form: a practice run never carries a real patient.
    mutationFn: (definitionId: string) =>
      call(startInstance, {
        body: {
          definitionId,
          practice: true,
          data: practiceStartData(workflows.data?.find((d) => d.id === definitionId)),
        },
        idempotencyKey: newIdempotencyKey(),
      }),
    onSuccess: ({ instance }) => {
      notifications.show({
        color: 'grape',
        title: 'Practice run started',
        message: `${instance.definitionTitle}: its first step is in My work’s practice view.`,
      });
      setSelected(instance.id);
      void client.invalidateQueries({ queryKey: ['practice'] });
      void client.invalidateQueries({ queryKey: ['tasks'] });
    },
    onError: (e) =>
      notifications.show({
        color: 'red',
        title: 'Could not start',
        message: e instanceof ApiError ? e.message : 'Try again',
      }),
  });
  const workInPractice = () => navigate('/work?view=practice');

  return (
    <Stack gap={0} data-testid="practice-page">
      <PracticeBanner />
      <Stack p="md" gap="md">
        <div>
          <Title order={2} size="h3">
            Practice
          </Title>
          <Text size="sm" c="gray.7">
            Try a workflow from start to end with made-up data. Your practice tasks appear only in My work’s
            practice view.
          </Text>
        </div>
        {selected && <PracticeRun id={selected} onWork={workInPractice} />}
        <Title order={3} size="h4">
          Start a practice run
        </Title>
        {workflows.isPending ? (
          <Loader role="status" aria-label="Loading workflows" />
        ) : workflows.error ? (
          <Alert color="red">{(workflows.error as Error).message}</Alert>
        ) : workflows.data.length === 0 ? (
          <Text size="sm">No published workflow has a step for your roles yet.</Text>
        ) : (
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
            {workflows.data.map((d) => (
              <Card withBorder key={d.id} data-testid={`practice-workflow-${d.id}`}>
                <Stack gap="xs" h="100%" justify="space-between">
                  <div>
                    <Text fw={600}>{d.title}</Text>
                    <Text size="xs" c="gray.7" lineClamp={3}>
                      {d.description ?? ''}
                    </Text>
                  </div>
                  <Button
                    color="grape.9"
                    leftSection={<FlaskConical size={16} aria-hidden />}
                    loading={start.isPending && start.variables === d.id}
                    onClick={() => start.mutate(d.id)}
                    data-testid={`practice-start-${d.id}`}
                    aria-label={`Start practice run: ${d.title}`}
                  >
                    Start practice run
                  </Button>
                </Stack>
              </Card>
            ))}
          </SimpleGrid>
        )}
        <Title order={3} size="h4">
          Your practice runs
        </Title>
        {runs.isPending ? (
          <Loader role="status" aria-label="Loading practice runs" />
        ) : (runs.data?.items.length ?? 0) === 0 ? (
          <Text size="sm">None yet. Start one above.</Text>
        ) : (
          <Table fz="sm" striped data-testid="practice-runs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Workflow</Table.Th>
                <Table.Th>Started</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>
                  <span className="visually-hidden">Open</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {runs.data!.items.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>
                    <Group gap="xs">
                      <PracticeBadge size="xs" />
                      {titles.get(r.definitionId) ?? r.definitionId}
                    </Group>
                  </Table.Td>
                  <Table.Td className="pf-time">{formatWhen(r.startedAt)}</Table.Td>
                  <Table.Td>
                    <Badge tt="none" variant="outline" color={r.status === 'done' ? 'teal.9' : 'gray.7'}>
                      {r.status}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Button size="compact-xs" variant="subtle" onClick={() => setSelected(r.id)}>
                      Open
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Stack>
  );
}
