import { ActionIcon, Button, Group, Stack, Text } from '@mantine/core';
import type { DecisionStep, Definition } from '@portalflow/engine';
import { ArrowDown, ArrowUp, Plus, Trash2 } from 'lucide-react';
import { newBranchTarget } from './branchTarget.ts';
import { ConditionInput } from './ConditionInput.tsx';
import { useStepOptions, useStepPatch } from './common.ts';
import { StepSelect } from './StepSelect.tsx';

/** Branches in order (the first that holds wins), then where everything else goes. */
export function DecisionFields({
  id,
  step,
  definition,
}: {
  id: string;
  step: DecisionStep;
  definition: Definition;
}) {
  const patch = useStepPatch(id);
  const options = useStepOptions(definition, id);
  const branches = step.branches;
  const write = (next: DecisionStep['branches'], field?: string) => patch({ branches: next }, field);
  const move = (i: number, by: number) => {
    const next = [...branches];
    const [b] = next.splice(i, 1);
    next.splice(i + by, 0, b!);
    write(next);
  };
  return (
    <Stack gap={8}>
      <Text size="xs" c="dimmed">
        Checked in order; the first condition that holds wins.
      </Text>
      {branches.map((b, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a branch's identity is its position (the order decides which wins)
        <Stack key={i} gap={4} className="pf-fieldset" role="group" aria-label={`Branch ${i + 1}`}>
          {/* The order decides which branch wins: moving and removing sit by the branch's name. */}
          <Group gap={4} wrap="nowrap" justify="space-between">
            <Text size="sm" fw={600}>
              Branch {i + 1}
            </Text>
            <Group gap={0} wrap="nowrap">
              <ActionIcon
                variant="subtle"
                disabled={i === 0}
                onClick={() => move(i, -1)}
                aria-label={`Move branch ${i + 1} up`}
              >
                <ArrowUp size={14} aria-hidden />
              </ActionIcon>
              <ActionIcon
                variant="subtle"
                disabled={i === branches.length - 1}
                onClick={() => move(i, 1)}
                aria-label={`Move branch ${i + 1} down`}
              >
                <ArrowDown size={14} aria-hidden />
              </ActionIcon>
              <ActionIcon
                variant="subtle"
                color="red"
                onClick={() => write(branches.filter((_, j) => j !== i))}
                aria-label={`Remove branch ${i + 1}`}
              >
                <Trash2 size={14} aria-hidden />
              </ActionIcon>
            </Group>
          </Group>
          <ConditionInput
            label="When"
            definition={definition}
            path={`steps.${id}.branches.${i}.when`}
            value={b.when}
            onChange={(when) =>
              write(
                branches.map((x, j) => (j === i ? { ...x, when } : x)),
                `branch.${i}.when`,
              )
            }
          />
          <StepSelect
            size="xs"
            label="Then go to"
            aria-label={`Branch ${i + 1} goes to`}
            data={options}
            value={b.to || null}
            onChange={(v) => v && write(branches.map((x, j) => (j === i ? { ...x, to: v } : x)))}
            searchable
            allowDeselect={false}
          />
        </Stack>
      ))}
      <Button
        size="compact-xs"
        variant="light"
        leftSection={<Plus size={12} aria-hidden />}
        onClick={() => write([...branches, { when: '', to: newBranchTarget(definition, id) }])}
      >
        Add branch
      </Button>
      <StepSelect
        size="xs"
        label="Otherwise go to"
        data={options}
        value={step.otherwise ?? null}
        onChange={(v) => patch({ otherwise: v ?? undefined })}
        searchable
        clearable
        placeholder="Required: where everything else goes"
      />
    </Stack>
  );
}
