import { Badge, Button, Group, List, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { getInstance } from '@portalflow/contract';
import { idToWords } from '@portalflow/engine';
import { useQuery } from '@tanstack/react-query';
import { call } from '../api/call.ts';
import { formatWhen } from '../shell/time.ts';
import { PracticeBadge } from './PracticeBadge.tsx';

/** One practice run: where it stands, which steps wait on whom, and the way to work them. */
export function PracticeRun({ id, onWork }: { id: string; onWork: () => void }) {
  const run = useQuery({
    queryKey: ['practice', 'run', id],
    queryFn: () => call(getInstance, { params: { id } }),
    // Worked in another view a moment ago: always show where the run stands now.
    staleTime: 0,
    refetchOnMount: 'always',
  });
  if (run.isPending) return <Loader role="status" aria-label="Loading the practice run" />;
  if (run.error) return <Text c="red.9">{(run.error as Error).message}</Text>;
  const i = run.data.instance;
  return (
    <Paper
      withBorder
      p="md"
      data-testid="practice-run"
      style={{ borderColor: 'var(--mantine-color-grape-9)' }}
    >
      <Stack gap="xs">
        <Group gap="xs">
          <PracticeBadge size="md" />
          <Title order={3} size="h5">
            {i.definitionTitle}
          </Title>
          <Badge
            tt="none"
            variant="outline"
            color={i.status === 'done' ? 'teal.9' : 'gray.7'}
            data-testid="practice-run-status"
          >
            {runState(i)}
          </Badge>
        </Group>
        <Text size="sm" c="gray.7">
          Started {formatWhen(i.startedAt)}
        </Text>
        {i.active.length > 0 ? (
          <>
            <Text size="sm" fw={500}>
              Waiting on
            </Text>
            <List size="sm">
              {i.active.map((a) => (
                <List.Item key={a.token}>
                  {a.title} — {a.kind === 'wait' ? `waits for ${a.signal ?? 'time'}` : (a.roleName ?? a.role)}
                </List.Item>
              ))}
            </List>
            <Group>
              <Button size="compact-sm" color="grape.9" onClick={onWork} data-testid="practice-work">
                Work it in My work (practice view)
              </Button>
            </Group>
          </>
        ) : (
          <Text size="sm">Nothing left to do in this run.</Text>
        )}
      </Stack>
    </Paper>
  );
}

/** "Finished: Refill sent", "In progress", "Cancelled": a practice run's state in words. */
function runState(run: { status: string; end?: { outcome?: string } | null }): string {
  if (run.status === 'done') return run.end?.outcome ? `Finished: ${idToWords(run.end.outcome)}` : 'Finished';
  return run.status === 'active' ? 'In progress' : idToWords(run.status);
}
