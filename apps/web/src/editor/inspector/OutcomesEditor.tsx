import { ActionIcon, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import type { Definition, TaskStep } from '@portalflow/engine';
import { Plus, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { uniqueId } from '../../model/document.ts';
import { removeOutcome, renameOutcome } from '../../model/outcomes.ts';
import { ID_PATTERN, useStepOptions, useStepPatch } from './common.ts';
import { StepSelect } from './StepSelect.tsx';

function OutcomeName({
  name,
  taken,
  onRename,
}: {
  name: string;
  taken: (n: string) => boolean;
  onRename: (to: string) => void;
}) {
  const [value, setValue] = useState(name);
  const [seen, setSeen] = useState(name);
  if (seen !== name) {
    setSeen(name);
    setValue(name);
  }
  const error =
    value === name
      ? undefined
      : !ID_PATTERN.test(value)
        ? 'Letters, digits, - and _'
        : taken(value)
          ? 'Already an outcome'
          : undefined;
  const commit = () => {
    if (value !== name && !error) onRename(value);
    else setValue(name);
  };
  return (
    <TextInput
      size="xs"
      aria-label={`Outcome ${name} name`}
      value={value}
      onChange={(e) => setValue(e.currentTarget.value)}
      onBlur={commit}
      onKeyDown={(e) => e.key === 'Enter' && commit()}
      error={error}
      style={{ flex: 1 }}
      className="nodrag nokey"
    />
  );
}

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
      {names.map((name) => (
        <Group key={name} gap={4} wrap="nowrap" align="flex-start">
          <OutcomeName
            name={name}
            taken={(n) => n in step.outcomes}
            onRename={(to) => patch(renameOutcome(step, name, to))}
          />
          <Text size="xs" pt={6} aria-hidden>
            →
          </Text>
          <StepSelect
            size="xs"
            aria-label={`Outcome ${name} leads to`}
            data={options}
            value={step.outcomes[name] ?? null}
            onChange={(v) => v && patch({ outcomes: { ...step.outcomes, [name]: v } })}
            searchable
            allowDeselect={false}
            style={{ flex: 1.3 }}
          />
          <ActionIcon
            variant="subtle"
            color="red"
            mt={2}
            aria-label={`Remove outcome ${name}`}
            onClick={() => patch(removeOutcome(step, name))}
          >
            <Trash2 size={14} aria-hidden />
          </ActionIcon>
        </Group>
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
