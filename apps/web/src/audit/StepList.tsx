import { ScrollArea, Table, Text, UnstyledButton } from '@mantine/core';
import type { Definition } from '@portalflow/engine';
import { Circle, CircleCheck, CirclePlay } from 'lucide-react';
import { useMemo } from 'react';
import { stepOrder } from './path.ts';
import type { DiagramHighlight } from './types.ts';

/**
 * The workflow's steps as a list with where the instance has been: a text alternative to the
 * diagram (and what shows while the diagram loads or if it cannot draw).
 */
export function StepList({
  definition,
  highlight,
  onSelectStep,
  selected,
}: {
  definition: Definition;
  highlight: DiagramHighlight;
  onSelectStep?: (stepId: string) => void;
  selected?: string | null;
}) {
  const order = useMemo(() => stepOrder(definition), [definition]);
  const active = new Set(highlight.active ?? []);
  const visited = new Set(highlight.visited ?? []);
  const roleName = (id: string | undefined) =>
    id ? (definition.roles.find((r) => r.id === id)?.name ?? id) : '—';
  const titleOf = (id: string) => definition.steps[id]?.title ?? id;
  return (
    <ScrollArea h="100%" type="auto" data-testid="audit-step-list">
      <Table
        verticalSpacing={4}
        fz="sm"
        aria-label={`Steps of ${definition.title} and where this instance has been`}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={130}>At this point</Table.Th>
            <Table.Th>Step</Table.Th>
            <Table.Th w={90}>Kind</Table.Th>
            <Table.Th>Role</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {order.map((id) => {
            const step = definition.steps[id]!;
            const state = active.has(id) ? 'active' : visited.has(id) ? 'visited' : 'not-reached';
            return (
              <Table.Tr
                key={id}
                data-testid={`step-row-${id}`}
                data-state={state}
                bg={selected === id ? 'var(--mantine-color-teal-0)' : undefined}
                fw={state === 'active' ? 700 : undefined}
              >
                <Table.Td>
                  {state === 'active' ? (
                    <Text span size="sm" c="blue.8" fw={700}>
                      <CirclePlay size={14} aria-hidden /> Open now
                    </Text>
                  ) : state === 'visited' ? (
                    <Text span size="sm" c="teal.9">
                      <CircleCheck size={14} aria-hidden /> Passed
                    </Text>
                  ) : (
                    <Text span size="sm" c="dimmed">
                      <Circle size={14} aria-hidden /> Not reached
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {onSelectStep ? (
                    <UnstyledButton onClick={() => onSelectStep(id)} fz="sm" td="underline dotted">
                      {titleOf(id)}
                    </UnstyledButton>
                  ) : (
                    titleOf(id)
                  )}
                </Table.Td>
                <Table.Td>{step.type}</Table.Td>
                <Table.Td>{step.type === 'task' ? roleName(step.role) : '—'}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {(highlight.edges ?? []).length > 0 && (
        <Text size="xs" c="dimmed" p="xs">
          Arrows followed:{' '}
          {(highlight.edges ?? []).map((e) => `${titleOf(e.from)} → ${titleOf(e.to)}`).join('; ')}
        </Text>
      )}
    </ScrollArea>
  );
}
