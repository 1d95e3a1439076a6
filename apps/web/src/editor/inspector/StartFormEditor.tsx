import { Button, MultiSelect, Stack, Text, TextInput } from '@mantine/core';
import type { Definition, FormField } from '@portalflow/engine';
import { useQuery } from '@tanstack/react-query';
import { FilePlus2 } from 'lucide-react';
import { useEditorStore } from '../useEditorStore.ts';
import { roleCatalogQuery } from './common.ts';
import { FormFieldsEditor } from './FormFieldsEditor.tsx';

/**
 * How a request of this workflow starts from My work: who may start it (their roles get **New
 * request**), the start form, and the subject every queue row shows (built from the form's fields).
 */
export function StartFormEditor({ definition }: { definition: Definition }) {
  const apply = useEditorStore((s) => s.apply);
  const catalog = useQuery(roleCatalogQuery);
  const intake = definition.intake;
  // Starters are often outside the workflow's lanes (the front desk takes the call): offer every clinic role.
  const names = new Map<string, string>();
  for (const r of catalog.data?.roles ?? []) names.set(r.id, r.name);
  for (const r of definition.roles) names.set(r.id, r.name);
  for (const id of intake?.roles ?? []) if (!names.has(id)) names.set(id, id);
  const roleOptions = [...names].map(([value, label]) => ({ value, label }));
  const fields: FormField[] = intake?.form ?? [];
  const setIntake = (next: { roles: string[]; form: FormField[] }, squash?: string) =>
    apply(
      [
        {
          type: 'setWorkflow',
          intake: next.form.length ? { roles: next.roles, form: next.form } : { roles: next.roles },
        },
      ],
      squash ? { squash } : {},
    );

  if (!intake) {
    return (
      <Stack gap={4} className="pf-fieldset" role="group" aria-label="Start form">
        <Text size="xs" c="dimmed">
          No start form: only leads start this workflow. Add one so the people who take the first call can
          start a request from My work.
        </Text>
        <Button
          size="compact-xs"
          variant="light"
          leftSection={<FilePlus2 size={12} aria-hidden />}
          onClick={() => setIntake({ roles: [], form: [] })}
          data-testid="add-start-form"
        >
          Add a start form
        </Button>
      </Stack>
    );
  }
  return (
    <Stack
      gap={6}
      className="pf-fieldset"
      role="group"
      aria-label="Start form"
      data-testid="start-form-editor"
    >
      <MultiSelect
        size="xs"
        label="Who may start it from My work"
        description="Leads can always start it."
        data={roleOptions}
        value={intake.roles}
        onChange={(roles) => setIntake({ roles, form: fields })}
        searchable
        data-testid="start-form-roles"
      />
      <Text size="xs" fw={600}>
        Start form
      </Text>
      <FormFieldsEditor
        id="__start__"
        path="intake.form"
        fields={fields}
        emptyText="No fields yet: the request starts empty."
        canWorkOut={false}
        onWrite={(form, field) => setIntake({ roles: intake.roles, form }, field && `intake.${field}`)}
      />
      <TextInput
        size="xs"
        label="Subject on every row"
        description="Fields in braces, e.g. {patient} · Refill: {medication}. Never a patient's name or own words."
        value={definition.subject ?? ''}
        onChange={(e) =>
          apply([{ type: 'setWorkflow', subject: e.currentTarget.value }], { squash: 'workflow.subject' })
        }
        data-testid="start-form-subject"
      />
      <Button
        size="compact-xs"
        variant="subtle"
        color="red"
        onClick={() => apply([{ type: 'setWorkflow', intake: null }])}
        data-testid="remove-start-form"
      >
        Remove the start form
      </Button>
    </Stack>
  );
}
