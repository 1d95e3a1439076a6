import { Badge, Group, Stack, Table, Text } from '@mantine/core';
import { formatWhen } from '../shell/time.ts';
import { AMBER_TEXT } from '../work/palette.ts';
import { blockerWords } from './blockerWords.ts';
import type { DryRun, PlanStep, StepView } from './types.ts';

/** When a step is due, and — on the side after the move — that it changes, with the time before. */
function Due({ due, was }: { due: string | null; was?: string | null | undefined }) {
  const changed = was !== undefined && due !== was;
  if (due === null && !changed) return null;
  return (
    <Text
      size="xs"
      className="pf-time"
      c={changed ? AMBER_TEXT : 'gray.7'}
      fw={changed ? 600 : undefined}
      data-testid={changed ? 'due-changes' : 'due'}
    >
      {due === null ? 'no deadline' : `${changed ? 'new due ' : 'due '}${formatWhen(due)}`}
      {changed && was ? ` (was ${formatWhen(was)})` : ''}
    </Text>
  );
}

/** Open steps with their owners and due times; `before` marks an owner or a due time that changes. */
function Steps({ steps, before }: { steps: Array<StepView & { fromStep?: string }>; before?: StepView[] }) {
  return (
    <Stack gap={2}>
      {steps.map((s) => {
        const was = before?.find((b) => b.step === s.fromStep);
        const moved = was !== undefined && s.kind === 'task' && was.role !== s.role;
        return (
          <div key={`${s.step}-${s.role}`}>
            <Text size="sm">
              {s.title}
              <Text span size="xs" c={moved ? AMBER_TEXT : 'gray.7'} fw={moved ? 600 : undefined}>
                {s.kind === 'wait'
                  ? ' · waiting'
                  : s.roleName
                    ? ` · ${moved ? 'new owner: ' : ''}${s.roleName}`
                    : ''}
              </Text>
            </Text>
            <Due due={s.due} was={before ? (was?.due ?? null) : undefined} />
          </div>
        );
      })}
    </Stack>
  );
}

/** Every running instance of version A: where it is, where it would land and who would own it, or why not. */
export function DryRunTable({
  dryRun,
  from,
  toVersion,
}: {
  dryRun: DryRun;
  /** Version A's steps, to name a blocked request's step by its title. */
  from: readonly PlanStep[];
  toVersion: number;
}) {
  const { summary, rows } = dryRun;
  return (
    <Stack gap="xs" data-testid="dry-run">
      <Group gap="xs" data-testid="dry-run-summary">
        <Badge color="teal" variant="light">
          {summary.movable} can move
        </Badge>
        <Badge color={summary.blocked > 0 ? 'red' : 'gray'} variant="light">
          {summary.blocked} cannot move
        </Badge>
        <Badge color="gray" variant="outline">
          {summary.total} running, {summary.practice} practice
        </Badge>
      </Group>
      {rows.length === 0 ? (
        <Text size="sm">No running requests are on this version: there is nothing to move.</Text>
      ) : (
        <Table verticalSpacing={4} striped data-testid="dry-run-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Request</Table.Th>
              <Table.Th>Started</Table.Th>
              <Table.Th>Now at</Table.Th>
              <Table.Th>Would land at (new owner, new due time)</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.instanceId} data-testid={`dry-run-row-${row.instanceId}`}>
                <Table.Td>
                  {/* The request as the Team page and the pools name it; the id for one without a subject. */}
                  <Text size="sm" fw={600} data-testid="dry-run-subject">
                    {row.subject ?? row.workflow}
                  </Text>
                  <Text size="xs" c="gray.7" ff="monospace">
                    {row.instanceId.slice(0, 8)}
                  </Text>
                  {row.practice && (
                    <Badge size="xs" color="grape" variant="light">
                      practice
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm" className="pf-time">
                    {formatWhen(row.startedAt)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Steps steps={row.now} />
                </Table.Td>
                <Table.Td>
                  {row.ok ? (
                    <Steps steps={row.after} before={row.now} />
                  ) : (
                    <Text size="sm" c="red.9" data-testid="cannot-move">
                      Cannot move: {row.blockers.map((b) => blockerWords(b, from, toVersion)).join('; ')}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
