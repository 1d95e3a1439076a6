import { ActionIcon, Button, Group, Stack, Text } from '@mantine/core';
import { type Definition, idToWords, type TaskStep } from '@portalflow/engine';
import { Plus, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { uniqueId } from '../../model/document.ts';
import { removeOutcome, renameOutcome } from '../../model/outcomes.ts';
import { useEditorStore } from '../useEditorStore.ts';
import { useStepOptions, useStepPatch } from './common.ts';
import { OutcomeName } from './OutcomeName.tsx';
import { StepSelect } from './StepSelect.tsx';

export function OutcomesEditor({
  id,
  step,
  definition,
}: {
  id: string;
  step: TaskStep;
  definition: Definition;
}) {
  const patch = useStepPatch(id);
  const hold = useEditorStore((s) => s.hold);
  const options = useStepOptions(definition);
  const names = Object.keys(step.outcomes);
  const [target, setTarget] = useState<string | null>(null);
  const add = () => {
    if (!target) return;
    const name = uniqueId(names.length === 0 ? 'done' : 'outcome', (n) => n in step.outcomes);
    patch({ outcomes: { ...step.outcomes, [name]: target } });
    setTarget(null);
  };
  return (
    <Stack gap={6} role="group" aria-label="Outcomes">
      {names.length === 0 && (
        <Text size="xs" c="dimmed">
          No outcomes yet: staff could never finish this task. Add one, or drag from the box's right handle to
          the next step.
        </Text>
      )}
      {/* The name above where it leads, each as wide as the panel: long titles wrap, never cut. */}
      {names.map((name) => (
        <Stack key={name} gap={4} className="pf-outcome">
          <Group gap={4} wrap="nowrap" align="flex-start">
            <OutcomeName
              step={id}
              name={name}
              taken={(n) => n in step.outcomes}
              onRename={(to) => patch(renameOutcome(step, name, to))}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              mt={2}
              aria-label={`Remove outcome ${idToWords(name)}`}
              onClick={() => {
                // A name typed for it goes with it.
                hold(`steps.${id}.outcomes.${name}`, null);
                patch(removeOutcome(step, name));
              }}
            >
              <Trash2 size={14} aria-hidden />
            </ActionIcon>
          </Group>
          <StepSelect
            size="xs"
            aria-label={`Outcome ${idToWords(name)} leads to`}
            leftSection={
              <Text size="xs" aria-hidden>
                →
              </Text>
            }
            data={options}
            value={step.outcomes[name] ?? null}
            onChange={(v) => v && patch({ outcomes: { ...step.outcomes, [name]: v } })}
            searchable
            allowDeselect={false}
          />
        </Stack>
      ))}
      <Group gap={4} wrap="nowrap">
        <StepSelect
          size="xs"
          aria-label="New outcome leads to"
          placeholder="New outcome leads to…"
          data={options}
          value={target}
          onChange={setTarget}
          searchable
          style={{ flex: 1 }}
        />
        <Button
          size="compact-sm"
          variant="light"
          leftSection={<Plus size={12} aria-hidden />}
          onClick={add}
          disabled={!target}
          data-testid="add-outcome"
        >
          Add
        </Button>
      </Group>
    </Stack>
  );
}
