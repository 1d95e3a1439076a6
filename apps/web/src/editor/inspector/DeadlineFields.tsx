import { Checkbox, Group, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import type { Definition, TaskStep, WaitStep } from '@portalflow/engine';
import { formatDuration, parseDuration } from '@portalflow/engine';
import { useRoleOptions, useStepOptions, useStepPatch } from './common.ts';

function durationPreview(after: string, business: boolean): { ok: boolean; text: string } {
  try {
    parseDuration(after);
    return { ok: true, text: formatDuration(after, business) };
  } catch {
    return { ok: false, text: 'Use an ISO 8601 duration such as PT4H (4 hours), P2D (2 days) or P1DT12H' };
  }
}

/** Deadline: after how long, on which clock, and what happens then (escalate or go to a step). */
export function DeadlineFields({
  id,
  step,
  definition,
}: {
  id: string;
  step: TaskStep | WaitStep;
  definition: Definition;
}) {
  const patch = useStepPatch(id);
  const roles = useRoleOptions(definition);
  const steps = useStepOptions(definition, id);
  const deadline = step.deadline;
  if (!deadline) {
    return (
      <Checkbox
        label="Has a deadline"
        checked={false}
        onChange={() =>
          patch({
            deadline: {
              after: 'P1D',
              calendar: 'business',
              ...(roles[0] ? { escalateTo: roles[0].value } : {}),
            },
          })
        }
      />
    );
  }
  const preview = durationPreview(deadline.after, deadline.calendar === 'business');
  const action =
    deadline.goTo !== undefined ? 'goTo' : deadline.escalateTo !== undefined ? 'escalate' : 'none';
  const set = (next: Partial<typeof deadline>, field?: string) => {
    const merged: Record<string, unknown> = { ...deadline, ...next };
    for (const key of Object.keys(merged)) if (merged[key] === undefined) delete merged[key];
    patch({ deadline: merged }, field);
  };
  return (
    <Stack gap={6} className="pf-fieldset" role="group" aria-label="Deadline">
      <Checkbox label="Has a deadline" checked onChange={() => patch({ deadline: undefined })} />
      <TextInput
        label="Due after (ISO duration)"
        value={deadline.after}
        onChange={(e) => set({ after: e.currentTarget.value.toUpperCase() }, 'deadline.after')}
        error={preview.ok ? undefined : preview.text}
        description={preview.ok ? `= ${preview.text}` : undefined}
        data-testid="deadline-after"
      />
      <div>
        <Text size="sm" fw={500} mb={2} id={`cal-${id}`}>
          Counted in
        </Text>
        <SegmentedControl
          size="xs"
          fullWidth
          aria-labelledby={`cal-${id}`}
          value={deadline.calendar ?? 'wall'}
          onChange={(v) => set({ calendar: v === 'business' ? 'business' : undefined })}
          data={[
            { value: 'business', label: 'Business hours' },
            { value: 'wall', label: 'Clock time' },
          ]}
        />
      </div>
      <div>
        <Text size="sm" fw={500} mb={2} id={`late-${id}`}>
          When late
        </Text>
        <SegmentedControl
          size="xs"
          fullWidth
          aria-labelledby={`late-${id}`}
          value={action}
          onChange={(v) =>
            set(
              v === 'escalate'
                ? { escalateTo: deadline.escalateTo ?? roles[0]?.value, goTo: undefined }
                : v === 'goTo'
                  ? { goTo: deadline.goTo ?? steps[0]?.value, escalateTo: undefined }
                  : { goTo: undefined, escalateTo: undefined },
            )
          }
          data={[
            { value: 'escalate', label: 'Escalate' },
            { value: 'goTo', label: 'Go to step' },
            { value: 'none', label: 'Nothing' },
          ]}
        />
      </div>
      {action === 'escalate' && (
        <Select
          label="Escalate to role"
          data={roles}
          value={deadline.escalateTo ?? null}
          onChange={(v) => set({ escalateTo: v ?? undefined })}
          allowDeselect={false}
        />
      )}
      {action === 'goTo' && (
        <Select
          label="Go to step"
          data={steps}
          value={deadline.goTo ?? null}
          onChange={(v) => set({ goTo: v ?? undefined })}
          searchable
          allowDeselect={false}
        />
      )}
      {action === 'none' && (
        <Group gap={4}>
          <Text size="xs" c="dimmed">
            A deadline that does nothing only marks the task overdue.
          </Text>
        </Group>
      )}
    </Stack>
  );
}
