import { Alert, Badge, Button, Group, Progress, Stack, Text } from '@mantine/core';
import { Square } from 'lucide-react';
import { type MigrationResult, type MigrationRun, runEnded } from './types.ts';

const STATUS: Record<MigrationRun['status'], { label: string; color: string }> = {
  running: { label: 'Moving requests', color: 'blue' },
  stopping: { label: 'Stopping after this request', color: 'yellow' },
  stopped: { label: 'Stopped', color: 'yellow' },
  done: { label: 'Done', color: 'teal' },
  failed: { label: 'Failed', color: 'red' },
};

/** A run's progress, counts and the Stop button. */
export function RunProgress({
  run,
  results = [],
  onStop,
  stopping,
}: {
  run: MigrationRun;
  results?: MigrationResult[];
  onStop: () => void;
  stopping: boolean;
}) {
  const leftBehind = results.filter((r) => r.status !== 'migrated');
  const seen = run.counts.migrated + run.counts.skipped + run.counts.conflict + run.counts.failed;
  const percent = run.total === 0 ? 100 : Math.round((seen / run.total) * 100);
  const status = STATUS[run.status];
  return (
    <Stack gap="xs" data-testid="run-progress" aria-live="polite">
      <Group justify="space-between">
        <Group gap="xs">
          <Badge color={status.color} variant="light" data-testid="run-status">
            {status.label}
          </Badge>
          <Text size="sm" data-testid="run-counts">
            {run.counts.migrated} moved · {run.counts.skipped} left on the old version
            {run.counts.conflict > 0 ? ` · ${run.counts.conflict} kept changing` : ''} · {seen} of {run.total}
          </Text>
        </Group>
        {!runEnded(run) && (
          <Button
            size="compact-sm"
            color="red.9"
            variant="outline"
            leftSection={<Square size={14} aria-hidden />}
            onClick={onStop}
            loading={stopping}
            disabled={run.status === 'stopping'}
            data-testid="run-stop"
          >
            Stop
          </Button>
        )}
      </Group>
      <Progress value={percent} aria-label="Requests looked at" size="lg" />
      {run.status === 'stopped' && (
        <Text size="sm">
          Requests already moved stay on the new version. Try the move again, then move the rest.
        </Text>
      )}
      {run.error && <Alert color="red">{run.error}</Alert>}
      {leftBehind.length > 0 && (
        <Stack gap={2} data-testid="run-left-behind">
          <Text size="sm" fw={600}>
            Left on the old version
          </Text>
          {leftBehind.map((r) => (
            <Text size="sm" key={r.instanceId}>
              <Text span ff="monospace" size="xs">
                {r.instanceId.slice(0, 8)}
              </Text>{' '}
              — {r.reason ?? r.status}
            </Text>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
