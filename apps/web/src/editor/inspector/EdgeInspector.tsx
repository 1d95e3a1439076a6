import { Button, Stack, Text } from '@mantine/core';
import type { Definition } from '@portalflow/engine';
import { allEdges, stepTitle } from '@portalflow/engine';
import { Trash2 } from 'lucide-react';
import type { ConnectVia } from '../../model/changes.ts';
import { renameOutcome } from '../../model/outcomes.ts';
import { useEditorStore } from '../useEditorStore.ts';
import { ConditionInput } from './ConditionInput.tsx';
import { useStepOptions } from './common.ts';
import { OutcomeName } from './OutcomeName.tsx';
import { StepSelect } from './StepSelect.tsx';

const KIND_TEXT: Record<string, string> = {
  outcome: 'Outcome',
  branch: 'Decision branch',
  otherwise: 'Otherwise',
  fork: 'Parallel branch',
  join: 'Join',
  next: 'Next after the wait',
  deadline: 'When the deadline passes',
};

/** One arrow: rename the outcome, edit the condition, point it elsewhere, or remove it. */
export function EdgeInspector({ path, definition }: { path: string; definition: Definition }) {
  const apply = useEditorStore((s) => s.apply);
  const edge = allEdges(definition).find((e) => e.path === path);
  const options = useStepOptions(definition);
  if (!edge) return <Text size="sm">This arrow no longer exists.</Text>;
  const step = definition.steps[edge.from]!;
  const index = Number(/branches\.(\d+)/.exec(path)?.[1] ?? -1);
  const via: ConnectVia | null =
    edge.kind === 'outcome'
      ? { kind: 'outcome', name: edge.label }
      : edge.kind === 'branch'
        ? { kind: 'branch', when: edge.label, index }
        : edge.kind === 'fork'
          ? { kind: 'fork', index }
          : edge.kind === 'otherwise' ||
              edge.kind === 'join' ||
              edge.kind === 'next' ||
              edge.kind === 'deadline'
            ? { kind: edge.kind }
            : null;
  const removable = edge.kind !== 'join' && edge.kind !== 'next';
  const rename = (name: string) => {
    if (step.type !== 'task') return;
    apply(
      [
        {
          type: 'updateStep',
          id: edge.from,
          patch: renameOutcome(step, edge.label, name),
        },
      ],
      {
        select: { steps: [], edges: [`steps.${edge.from}.outcomes.${name}`] },
      },
    );
  };
  return (
    <Stack gap={8}>
      <Text size="sm">
        <b>{KIND_TEXT[edge.kind]}</b> from “{stepTitle(definition, edge.from)}” to “
        {stepTitle(definition, edge.to)}”
      </Text>
      {edge.kind === 'outcome' && (
        <OutcomeName
          key={edge.label}
          step={edge.from}
          name={edge.label}
          label="Outcome name"
          description="The button staff press to finish the task"
          taken={(n) => step.type === 'task' && n in step.outcomes}
          onRename={rename}
          data-testid="edge-outcome-name"
        />
      )}
      {edge.kind === 'branch' && step.type === 'decision' && step.branches[index] && (
        <ConditionInput
          label="When"
          definition={definition}
          path={`steps.${edge.from}.branches.${index}.when`}
          value={step.branches[index].when}
          onChange={(when) =>
            apply(
              [
                {
                  type: 'updateStep',
                  id: edge.from,
                  patch: { branches: step.branches.map((b, i) => (i === index ? { ...b, when } : b)) },
                },
              ],
              {
                squash: `branch.${index}.when:${edge.from}`,
              },
            )
          }
        />
      )}
      {via && (
        <StepSelect
          size="xs"
          label="Goes to"
          data={options}
          value={edge.to}
          onChange={(to) => to && apply([{ type: 'connect', from: edge.from, to, via }])}
          searchable
          allowDeselect={false}
        />
      )}
      {removable && (
        <Button
          size="compact-sm"
          color="red"
          variant="light"
          leftSection={<Trash2 size={14} aria-hidden />}
          onClick={() => apply([{ type: 'disconnect', path }], { select: { steps: [edge.from], edges: [] } })}
        >
          Remove arrow
        </Button>
      )}
    </Stack>
  );
}
