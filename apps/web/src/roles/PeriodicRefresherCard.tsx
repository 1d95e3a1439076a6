import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { CircleCheck, Dumbbell } from 'lucide-react';
import { formatWhen } from '../shell/time.ts';
import type { MyRefreshers } from './types.ts';

type Periodic = MyRefreshers['periodic'][number];

/**
 * A regular refresher that is due: every workflow it covers is listed, practised or not, so one run
 * of one workflow cannot pass for all of them ("Every workflow of the role" means each one).
 */
export function PeriodicRefresherCard({
  refresher: p,
  onPractise,
  starting,
}: {
  refresher: Periodic;
  onPractise: (definitionId: string) => void;
  /** The workflow whose practice run is being started, if any. */
  starting: string | null;
}) {
  const several = p.workflows.length > 1;
  return (
    <Paper withBorder p="md" data-testid="periodic-item">
      <Stack gap="sm">
        <div>
          <Title order={3} size="h4">
            Regular refresher:{' '}
            {several ? `each of the ${p.workflows.length} workflows of your role` : p.title}
          </Title>
          <Text size="sm" c="gray.7">
            Every {p.everyDays} days{several ? ': practise each workflow below' : ''}
          </Text>
        </div>
        <Stack gap="xs">
          {p.workflows.map((w) => (
            <Group
              key={w.definitionId}
              justify="space-between"
              wrap="nowrap"
              data-testid="periodic-workflow"
              data-due={w.due}
            >
              <Group gap={6} wrap="nowrap">
                {w.due ? (
                  <span
                    aria-hidden
                    style={{
                      flex: 'none',
                      width: 16,
                      height: 16,
                      border: '2px solid var(--mantine-color-gray-6)',
                      borderRadius: 8,
                    }}
                  />
                ) : (
                  <CircleCheck
                    size={16}
                    color="var(--mantine-color-teal-9)"
                    aria-hidden
                    style={{ flex: 'none' }}
                  />
                )}
                <Text size="sm">
                  <strong>{w.title}</strong> —{' '}
                  {w.due
                    ? w.lastDoneAt
                      ? `due again, last practised ${formatWhen(w.lastDoneAt)}`
                      : 'not practised yet'
                    : `practised ${formatWhen(w.lastDoneAt)} · next due ${formatWhen(w.dueAt)}`}
                </Text>
              </Group>
              {w.due && (
                <Button
                  className="pf-no-print"
                  size="xs"
                  leftSection={<Dumbbell size={14} aria-hidden />}
                  onClick={() => onPractise(w.definitionId)}
                  loading={starting === w.definitionId}
                  style={{ flex: 'none' }}
                >
                  Start the practice run
                </Button>
              )}
            </Group>
          ))}
        </Stack>
      </Stack>
    </Paper>
  );
}
