import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  MultiSelect,
  Stack,
  TagsInput,
  Text,
  Textarea,
} from '@mantine/core';
import { type FormField, idToWords } from '@portalflow/engine';
import { Plus, Trash2 } from 'lucide-react';
import { keyAfterRelabel, newFieldKey } from '../../model/fieldKeys.ts';
import { useEditorStore } from '../useEditorStore.ts';
import { useStepPatch } from './common.ts';
import { FieldChecks } from './FieldChecks.tsx';
import { usePublished } from './usePublished.ts';
import { WrapSelect } from './WrapSelect.tsx';

const TYPES: Array<{ value: FormField['type']; label: string }> = [
  { value: 'text', label: 'Short text' },
  { value: 'textarea', label: 'Long text' },
  { value: 'number', label: 'Number' },
  { value: 'boolean', label: 'Yes / no' },
  { value: 'select', label: 'Choice' },
  { value: 'date', label: 'Date' },
];

/** Whether another step may write the same data key (the engine refuses an owned key from elsewhere). */
const OWNERSHIP = [
  { value: 'unset', label: 'Only this step (lint warns if another does)' },
  { value: 'owned', label: 'Only this step, enforced' },
  { value: 'shared', label: 'Shared with other steps on purpose' },
];

/** A label or a key is one line: a line break pasted into it is a space. */
const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ');

/**
 * Checks the new type cannot have (a pattern on a number, a range or an amount on text): lint would
 * refuse them. A choice, a number or a date is no one's own words either.
 */
function checksDroppedBy(type: string): Partial<FormField> {
  const text = type === 'text';
  return {
    ...(text ? {} : { pattern: undefined, patternHint: undefined }),
    ...(type === 'number'
      ? {}
      : { min: undefined, max: undefined, money: undefined, whole: undefined, computed: undefined }),
    ...(type === 'date' ? {} : { dateRange: undefined }),
    ...(type === 'text' || type === 'textarea' ? {} : { from: undefined }),
  };
}

/**
 * The form staff fill in when they finish the task — or, with `onWrite`, any other form made of the
 * same field kinds (a workflow's start form).
 */
export function FormFieldsEditor({
  id,
  fields,
  outcomes = [],
  onWrite,
  emptyText = 'No form: staff only choose an outcome.',
  canWorkOut = true,
  path = `steps.${id}.form`,
}: {
  id: string;
  /** Where the form is written: a step's `steps.<id>.form` unless said (the start form's `intake.form`). */
  path?: string;
  fields: FormField[];
  /** The step's outcomes, for fields required only to finish with some of them (none on a start form). */
  outcomes?: string[];
  onWrite?: (next: FormField[], field?: string) => void;
  emptyText?: string;
  /** Whether a number can be worked out from a date: on a step's form, not on a start form. */
  canWorkOut?: boolean;
}) {
  const patch = useStepPatch(id);
  const published = usePublished(useEditorStore((s) => s.document?.definition.id ?? ''));
  // Where this form is in the workflow, for keys unique across every form.
  const step = path === 'intake.form' ? undefined : id;
  const write =
    onWrite ??
    ((next: FormField[], field?: string) => patch({ form: next.length ? next : undefined }, field));
  /** A key that still follows its label follows the new one (never once published: see fieldKeys). */
  const keyFollowing = (i: number, label: string): Partial<FormField> => {
    const definition = useEditorStore.getState().document?.definition;
    const key = definition && keyAfterRelabel(definition, { step, index: i }, label, published);
    return key !== undefined && key !== fields[i]!.id ? { id: key } : {};
  };
  const update = (i: number, edit: Partial<FormField>, field?: string) => {
    const change =
      edit.label !== undefined && edit.id === undefined ? { ...edit, ...keyFollowing(i, edit.label) } : edit;
    const renamed = change.id !== undefined ? { from: fields[i]!.id, to: change.id } : undefined;
    const next = fields.map((f, j) => {
      // A number worked out from the date whose key is renamed follows it.
      if (j !== i)
        return renamed && f.computed?.monthsSince === renamed.from
          ? { ...f, computed: { monthsSince: renamed.to } }
          : f;
      const merged: Record<string, unknown> = { ...f, ...change };
      for (const key of Object.keys(merged)) if (merged[key] === undefined) delete merged[key];
      return merged as unknown as FormField;
    });
    write(next, field && `form.${i}.${field}`);
  };
  const add = () => {
    const definition = useEditorStore.getState().document?.definition;
    const taken = (c: string) => fields.some((f) => f.id === c);
    let key = definition ? newFieldKey(definition, 'New field') : 'newField';
    for (let n = 2; taken(key); n++) key = `newField${n}`;
    write([...fields, { id: key, label: 'New field', type: 'text' }]);
  };
  return (
    <Stack gap={8} role="group" aria-label="Form fields">
      {fields.length === 0 && (
        <Text size="xs" c="dimmed">
          {emptyText}
        </Text>
      )}
      {fields.map((f, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the data key is being edited; the position keeps the inputs focused while typing
        <Stack key={i} gap={4} className="pf-fieldset">
          <Group gap={6} align="flex-end" wrap="nowrap">
            {/* Long labels and keys wrap onto another line rather than being cut off. */}
            <Textarea
              size="xs"
              label="Label"
              autosize
              minRows={1}
              value={f.label}
              onChange={(e) => update(i, { label: oneLine(e.currentTarget.value) }, 'label')}
              onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()}
              style={{ flex: 1 }}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              onClick={() => write(fields.filter((_, j) => j !== i))}
              aria-label={`Remove field ${f.label}`}
            >
              <Trash2 size={14} aria-hidden />
            </ActionIcon>
          </Group>
          <Group gap={6} grow align="flex-start">
            <Textarea
              size="xs"
              label="Data key"
              autosize
              minRows={1}
              value={f.id}
              onChange={(e) => update(i, { id: e.currentTarget.value.replace(/\n/g, '') }, 'id')}
              onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()}
            />
            <WrapSelect
              size="xs"
              label="Type"
              data={TYPES}
              value={f.type}
              onChange={(v) => v && update(i, { type: v as FormField['type'], ...checksDroppedBy(v) })}
              allowDeselect={false}
            />
          </Group>
          {f.type === 'select' && (
            <TagsInput
              size="xs"
              label="Choices"
              value={f.options ?? []}
              onChange={(v) => update(i, { options: v.length ? v : undefined })}
              placeholder="Type a choice, press Enter"
            />
          )}
          <FieldChecks
            field={f}
            form={fields}
            canWorkOut={canWorkOut}
            index={i}
            path={`${path}.${i}`}
            onChange={(change, field) => update(i, change, field)}
          />
          <WrapSelect
            size="xs"
            label="Who writes this key"
            data={OWNERSHIP}
            value={f.ownership ?? 'unset'}
            onChange={(v) =>
              update(i, { ownership: v === 'owned' || v === 'shared' ? v : undefined }, 'ownership')
            }
            allowDeselect={false}
          />
          {/* Only words can be someone's own words: a choice, a number or a date never is. */}
          {(f.type === 'text' || f.type === 'textarea') && (
            <Checkbox
              size="xs"
              label="The patient’s own words"
              description="What they typed or said. Kept out of the subject every list shows."
              checked={f.from === 'patient'}
              onChange={(e) => update(i, { from: e.currentTarget.checked ? 'patient' : undefined }, 'from')}
              data-testid={`field-from-patient-${i}`}
            />
          )}
          {/* A worked-out number is never asked for, so it cannot be required. */}
          {!f.computed && (
            <Checkbox
              size="xs"
              label="Required"
              description={outcomes.length > 1 ? 'Whichever outcome finishes the task' : undefined}
              checked={f.required ?? false}
              onChange={(e) =>
                update(i, {
                  required: e.currentTarget.checked || undefined,
                  // Required for every outcome says it all; a narrower list would only contradict it.
                  ...(e.currentTarget.checked ? { requiredFor: undefined } : {}),
                })
              }
            />
          )}
          {outcomes.length > 1 && !f.required && !f.computed && (
            <MultiSelect
              size="xs"
              label="Required only to finish as"
              description="A reason for a denial, a date for “booked”: other outcomes may leave it empty"
              data={[...new Set([...outcomes, ...(f.requiredFor ?? [])])].map((o) => ({
                value: o,
                label: idToWords(o),
              }))}
              value={f.requiredFor ?? []}
              onChange={(v) => update(i, { requiredFor: v.length > 0 ? v : undefined }, 'requiredFor')}
              placeholder={f.requiredFor?.length ? undefined : 'No outcome: optional'}
              clearable
              data-testid={`field-required-for-${i}`}
            />
          )}
        </Stack>
      ))}
      <Button size="compact-xs" variant="light" leftSection={<Plus size={12} aria-hidden />} onClick={add}>
        Add field
      </Button>
    </Stack>
  );
}
