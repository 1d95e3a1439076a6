import { Divider, Stack, Textarea } from '@mantine/core';
import type { Definition, TaskStep } from '@portalflow/engine';
import { useEditorStore } from '../useEditorStore.ts';
import { useRoleOptions, useStepPatch } from './common.ts';
import { DeadlineFields } from './DeadlineFields.tsx';
import { FormFieldsEditor } from './FormFieldsEditor.tsx';
import { OutcomesEditor } from './OutcomesEditor.tsx';
import { WrapSelect } from './WrapSelect.tsx';

export function TaskFields({ id, step, definition }: { id: string; step: TaskStep; definition: Definition }) {
  const patch = useStepPatch(id);
  const apply = useEditorStore((s) => s.apply);
  const roles = useRoleOptions(definition);
  return (
    <Stack gap={10}>
      <WrapSelect
        size="xs"
        label="Owner (lane)"
        description="Only this role's staff see the task"
        data={roles}
        value={step.role && definition.roles.some((r) => r.id === step.role) ? step.role : null}
        onChange={(v) => v && apply([{ type: 'setOwner', id, role: v }])}
        allowDeselect={false}
        placeholder="Choose a role"
        data-testid="inspector-owner"
      />
      <Divider label="Outcomes" labelPosition="left" />
      <OutcomesEditor id={id} step={step} definition={definition} />
      <Divider label="Deadline" labelPosition="left" />
      <DeadlineFields id={id} step={step} definition={definition} />
      <Divider label="Form" labelPosition="left" />
      <FormFieldsEditor id={id} fields={step.form ?? []} outcomes={Object.keys(step.outcomes)} />
      <Divider label="For staff" labelPosition="left" />
      <Textarea
        size="xs"
        label="Help text"
        description="Shown beside the task: what to check, what each outcome means"
        value={step.help ?? ''}
        onChange={(e) => patch({ help: e.currentTarget.value || undefined }, 'help')}
        autosize
        minRows={2}
        maxRows={8}
      />
      <WrapSelect
        size="xs"
        label="Priority"
        data={[
          { value: 'low', label: 'Low' },
          { value: 'normal', label: 'Normal' },
          { value: 'high', label: 'High' },
          { value: 'urgent', label: 'Urgent' },
        ]}
        value={step.priority ?? 'normal'}
        onChange={(v) => patch({ priority: v === 'normal' || !v ? undefined : v })}
        allowDeselect={false}
      />
    </Stack>
  );
}
