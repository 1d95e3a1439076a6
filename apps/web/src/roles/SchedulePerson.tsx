import { Badge, Group, Text } from '@mantine/core';
import type { RefresherOverview } from '@portalflow/contract';
import { formatWhen } from '../shell/time.ts';
import { DONE_COLOR, TODO_COLOR } from './colors.ts';

type Person = RefresherOverview['schedules'][number]['people'][number];

/**
 * One person on a regular refresher, for the lead: due or next due, and, when the refresher covers
 * several workflows, which of them the person has practised and which not yet.
 */
export function SchedulePerson({ person: p }: { person: Person }) {
  const badge = (
    <Badge variant="outline" color={p.due ? TODO_COLOR : DONE_COLOR} tt="none" style={{ flex: 'none' }}>
      {p.displayName}: {p.due ? 'due' : `next ${formatWhen(p.dueAt)}`}
    </Badge>
  );
  if (p.workflows.length < 2) return badge;
  return (
    <Group gap="xs" wrap="wrap" data-testid="schedule-person" w="100%">
      {badge}
      {p.workflows.map((w) => (
        <Text
          key={w.definitionId}
          size="sm"
          c={w.due ? TODO_COLOR : 'teal.9'}
          data-testid="schedule-person-workflow"
        >
          {w.due ? '○' : '✓'} {w.title}:{' '}
          {w.due
            ? w.lastDoneAt
              ? `due again (last ${formatWhen(w.lastDoneAt)})`
              : 'not practised yet'
            : `practised ${formatWhen(w.lastDoneAt)}`}
        </Text>
      ))}
    </Group>
  );
}
