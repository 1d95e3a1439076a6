import { Checkbox, Group, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import type { Definition, TaskStep, WaitStep } from '@portalflow/engine';
import { formatDuration } from '@portalflow/engine';
import { useEffect, useRef, useState } from 'react';
import {
  DEADLINE_UNITS,
  type DeadlineUnit,
  deadlineFromText,
  deadlineRule,
  deadlineToIso,
  isoToDeadline,
} from '../../model/deadline.ts';
import { useEditorStore } from '../useEditorStore.ts';
import { useRoleOptions, useStepOptions, useStepPatch } from './common.ts';
import { StepSelect } from './StepSelect.tsx';
import { useUnfinishedEntry } from './useUnfinishedEntry.ts';
import { WrapSelect } from './WrapSelect.tsx';

const isUnit = (u: string | undefined): u is DeadlineUnit => DEADLINE_UNITS.some((d) => d === u);

function preview(after: string, business: boolean): string {
  try {
    return formatDuration(after, business);
  } catch {
    return after;
  }
}

/**
 * A duration as a number and a unit ("Due after", "Warn before"). An amount the file cannot take (0,
 * "abc") never reaches it: it shows an inline error and is held as an unfinished entry, a problem that
 * blocks Publish and stays in the box until it is fixed or typed back. An optional one left empty is
 * taken out of the file (`onChange(undefined)`), and its description says what applies then.
 */
function AmountInput({
  path,
  label,
  what,
  value,
  business,
  onChange,
  empty,
}: {
  /** Where the amount is written: `steps.<id>.deadline.after`. */
  path: string;
  label: string;
  /** Its testids: `<what>-amount`, `<what>-unit`. */
  what: string;
  value: string | undefined;
  business: boolean;
  onChange: (iso: string | undefined) => void;
  /** Given for an optional amount: what applies while the box is empty. */
  empty?: string;
}) {
  const { entry, hold } = useUnfinishedEntry(path);
  const shown = value === undefined ? null : isoToDeadline(value);
  const [text, setText] = useState(entry?.text ?? (shown ? String(shown.amount) : ''));
  const [unit, setUnit] = useState<DeadlineUnit>(
    isUnit(entry?.choice) ? entry.choice : (shown?.unit ?? (empty ? 'hours' : 'days')),
  );
  // Undo or a collaborator's save changes the value underneath: show what the file says (and let go
  // of what was typed). Not on opening: a held entry is what the box shows then.
  const seen = useRef(value);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a change from outside resyncs
  useEffect(() => {
    if (seen.current === value) return;
    seen.current = value;
    if (value === undefined) {
      if (empty && text.trim() !== '') setText('');
      hold(null);
      return;
    }
    const typed = deadlineFromText(text, unit);
    if (typed.ok && typed.iso === value) return;
    const now = isoToDeadline(value);
    if (now) {
      setText(String(now.amount));
      setUnit(now.unit);
      hold(null);
    }
  }, [value]);
  const blank = empty !== undefined && text.trim() === '';
  const typed = deadlineFromText(text, unit);
  const commit = (nextText: string, nextUnit: DeadlineUnit) => {
    setText(nextText);
    setUnit(nextUnit);
    if (empty !== undefined && nextText.trim() === '') {
      hold(null);
      if (value !== undefined) onChange(undefined);
      return;
    }
    const next = deadlineFromText(nextText, nextUnit);
    if (!next.ok) {
      hold({ text: nextText, choice: nextUnit, problem: `${label} must be ${deadlineRule(nextUnit)}` });
      return;
    }
    hold(null);
    if (next.iso !== value) onChange(next.iso);
  };
  return (
    <Group gap={6} align="flex-start" wrap="nowrap">
      <TextInput
        label={label}
        inputMode="numeric"
        value={text}
        onChange={(e) => commit(e.currentTarget.value, unit)}
        error={blank || typed.ok ? undefined : typed.message}
        description={
          blank
            ? empty
            : typed.ok && value !== undefined
              ? `= ${preview(value, business)}`
              : shown === null && text === '' && value !== undefined
                ? `Now ${preview(value, business)}; enter an amount to replace it`
                : undefined
        }
        style={{ flex: 1 }}
        data-testid={`${what}-amount`}
      />
      <WrapSelect
        label="Unit"
        aria-label={`${label} unit`}
        data={DEADLINE_UNITS.map((u) => ({ value: u, label: u.charAt(0).toUpperCase() + u.slice(1) }))}
        value={unit}
        onChange={(v) => v && commit(text, v as DeadlineUnit)}
        allowDeselect={false}
        w={110}
        data-testid={`${what}-unit`}
      />
    </Group>
  );
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
  const hold = useEditorStore((s) => s.hold);
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
              after: deadlineToIso({ amount: 1, unit: 'days' }),
              calendar: 'business',
              ...(roles[0] ? { escalateTo: roles[0].value } : {}),
            },
          })
        }
      />
    );
  }
  const action =
    deadline.goTo !== undefined ? 'goTo' : deadline.escalateTo !== undefined ? 'escalate' : 'none';
  const set = (next: Partial<typeof deadline>, field?: string) => {
    const merged: Record<string, unknown> = { ...deadline, ...next };
    for (const key of Object.keys(merged)) if (merged[key] === undefined) delete merged[key];
    patch({ deadline: merged }, field);
  };
  return (
    <Stack gap={6} className="pf-fieldset" role="group" aria-label="Deadline">
      <Checkbox
        label="Has a deadline"
        checked
        onChange={() => {
          // No deadline, no amount: what was typed for it goes too.
          hold(`steps.${id}.deadline.after`, null);
          hold(`steps.${id}.deadline.warnBefore`, null);
          patch({ deadline: undefined });
        }}
      />
      <AmountInput
        key={id}
        path={`steps.${id}.deadline.after`}
        label="Due after"
        what="deadline"
        value={deadline.after}
        business={deadline.calendar === 'business'}
        onChange={(after) => after && set({ after }, 'deadline.after')}
      />
      {step.type === 'task' && (
        // Whoever holds the task is reminded this long before it is due (in the clinic's open hours).
        <AmountInput
          key={`${id}-warn`}
          path={`steps.${id}.deadline.warnBefore`}
          label="Warn holder before"
          what="warn-before"
          value={deadline.warnBefore}
          business
          onChange={(warnBefore) => set({ warnBefore }, 'deadline.warnBefore')}
          empty="Empty: 30 minutes before, or sooner for a deadline under two hours"
        />
      )}
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
        <WrapSelect
          label="Escalate to role"
          data={roles}
          value={deadline.escalateTo ?? null}
          onChange={(v) => set({ escalateTo: v ?? undefined })}
          allowDeselect={false}
        />
      )}
      {action === 'goTo' && (
        <StepSelect
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
