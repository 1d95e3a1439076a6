import { ActionIcon, Group, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import type { Definition, EndStep, ParallelStep, WaitStep } from '@portalflow/engine';
import { formatDuration, parseDuration } from '@portalflow/engine';
import { Trash2 } from 'lucide-react';
import { useRoleOptions, useStepOptions, useStepPatch } from './common.ts';
import { DeadlineFields } from './DeadlineFields.tsx';
import { StepSelect } from './StepSelect.tsx';
import { WrapSelect } from './WrapSelect.tsx';

export function ParallelFields({
  id,
  step,
  definition,
}: {
  id: string;
  step: ParallelStep;
  definition: Definition;
}) {
  const patch = useStepPatch(id);
  const options = useStepOptions(definition, id);
  return (
    <Stack gap={6}>
      <Text size="xs" c="dimmed">
        Each branch starts at its step and is done when it reaches the join; the work moves on once every
        branch is done.
      </Text>
      {step.branches.map((b, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: two branches may start at the same step; position is the identity
        <Group key={i} gap={4} wrap="nowrap">
          <StepSelect
            size="xs"
            aria-label={`Branch ${i + 1} starts at`}
            data={options}
            value={b || null}
            onChange={(v) => v && patch({ branches: step.branches.map((x, j) => (j === i ? v : x)) })}
            searchable
            allowDeselect={false}
            style={{ flex: 1 }}
          />
          <ActionIcon
            variant="subtle"
            color="red"
            onClick={() => patch({ branches: step.branches.filter((_, j) => j !== i) })}
            aria-label={`Remove branch ${i + 1}`}
          >
            <Trash2 size={14} aria-hidden />
          </ActionIcon>
        </Group>
      ))}
      <StepSelect
        size="xs"
        aria-label="Add a branch starting at"
        placeholder="Add a branch starting at…"
        data={options}
        value={null}
        onChange={(v) => v && patch({ branches: [...step.branches, v] })}
        searchable
      />
      <StepSelect
        size="xs"
        label="Join at"
        data={options}
        value={step.join || null}
        onChange={(v) => v && patch({ join: v })}
        searchable
        allowDeselect={false}
        placeholder="Required"
      />
    </Stack>
  );
}

function durationHint(iso: string | undefined): string | undefined {
  if (!iso) return undefined;
  try {
    parseDuration(iso);
    return `= ${formatDuration(iso)}`;
  } catch {
    return undefined;
  }
}

export function WaitFields({ id, step, definition }: { id: string; step: WaitStep; definition: Definition }) {
  const patch = useStepPatch(id);
  const options = useStepOptions(definition, id);
  const roles = useRoleOptions(definition);
  const trigger = step.for !== undefined && step.signal === undefined ? 'time' : 'signal';
  return (
    <Stack gap={6}>
      <div>
        <Text size="sm" fw={500} mb={2} id={`trigger-${id}`}>
          Waits for
        </Text>
        <SegmentedControl
          size="xs"
          fullWidth
          aria-labelledby={`trigger-${id}`}
          value={trigger}
          onChange={(v) =>
            patch(
              v === 'time'
                ? { for: step.for ?? 'P1D', signal: undefined }
                : { signal: step.signal ?? 'patient-replied', for: undefined },
            )
          }
          data={[
            { value: 'signal', label: 'A signal' },
            { value: 'time', label: 'A time' },
          ]}
        />
      </div>
      {trigger === 'signal' ? (
        <TextInput
          size="xs"
          label="Signal name"
          description="Sent by the portal or staff, e.g. patient-replied"
          value={step.signal ?? ''}
          onChange={(e) => patch({ signal: e.currentTarget.value || undefined }, 'signal')}
        />
      ) : (
        <TextInput
          size="xs"
          label="Wait for (ISO duration)"
          description={durationHint(step.for)}
          value={step.for ?? ''}
          onChange={(e) => patch({ for: e.currentTarget.value.toUpperCase() || undefined }, 'for')}
        />
      )}
      <StepSelect
        size="xs"
        label="Then go to"
        data={options}
        value={step.next || null}
        onChange={(v) => v && patch({ next: v })}
        searchable
        allowDeselect={false}
        placeholder="Required"
      />
      <WrapSelect
        label="Who may end it early"
        description="With a reason, e.g. the provider once they have called the patient. Nobody: it waits for its signal or time."
        placeholder="Nobody"
        data={roles}
        value={step.endEarlyBy ?? null}
        onChange={(v) => patch({ endEarlyBy: v ?? undefined })}
        clearable
        data-testid="wait-end-early-by"
      />
      <DeadlineFields id={id} step={step} definition={definition} />
    </Stack>
  );
}

export function EndFields({ id, step }: { id: string; step: EndStep }) {
  const patch = useStepPatch(id);
  return (
    <TextInput
      size="xs"
      label="Outcome"
      description="How the request ended, e.g. resolved, denied"
      value={step.outcome ?? ''}
      onChange={(e) => patch({ outcome: e.currentTarget.value || undefined }, 'outcome')}
    />
  );
}
