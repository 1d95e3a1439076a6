import { Alert, Badge, Button, Group, Progress, Stack, Text } from '@mantine/core';
import { Square } from 'lucide-react';
import { blockerWords } from './blockerWords.ts';
import { type DryRun, type MigrationResult, type MigrationRun, type PlanStep, runEnded } from './types.ts';

const STATUS: Record<MigrationRun['status'], { label: string; color: string }> = {
  running: { label: 'Moving requests', color: 'blue' },
  stopping: { label: 'Stopping after this request', color: 'yellow' },
  stopped: { label: 'Stopped', color: 'yellow' },
  done: { label: 'Done', color: 'teal' },
  failed: { label: 'Failed', color: 'red' },
};

/** Why a request stayed, when the last try did not say: in words, never the engine's message. */
const STAYED: Record<MigrationResult['status'], string> = {
  migrated: '',
  skipped: 'It could not move: try the move again to see why',
  conflict: 'It changed while it was being moved: try the move again',
  failed: 'It could not be moved and stays on its version',
};

/**
 * A run's progress, counts and the Stop button. Requests left behind are named and explained as the
 * last try named them (its subject, why it cannot move), not by a code and the engine's message.
 */
export function RunProgress({
  run,
  results = [],
  onStop,
  stopping,
  tried = null,
  from = [],
  toVersion,
}: {
  run: MigrationRun;
  results?: MigrationResult[];
  onStop: () => void;
  stopping: boolean;
  /** The last try before the move. */
  tried?: DryRun | null;
  /** The old version's steps, to name a step by its title. */
  from?: readonly PlanStep[];
  toVersion?: number;
}) {
  const stayed = (r: MigrationResult) => {
    const row = tried?.rows.find((t) => t.instanceId === r.instanceId);
    const why =
      row && !row.ok && row.blockers.length > 0 && toVersion !== undefined && r.status === 'skipped'
        ? row.blockers.map((b) => blockerWords(b, from, toVersion)).join('; ')
        : STAYED[r.status];
    return { name: row ? (row.subject ?? row.workflow) : 'A request', why };
  };
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
          {leftBehind.map((r) => {
            const { name, why } = stayed(r);
            return (
              <Text size="sm" key={r.instanceId}>
                <b>{name}</b> — {why}
              </Text>
            );
          })}
        </Stack>
      )}
    </Stack>
  );
}
