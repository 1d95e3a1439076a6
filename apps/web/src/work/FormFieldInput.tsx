import { Group, Radio, Select, Text, Textarea, TextInput } from '@mantine/core';
import { expectedAnswer, type FormField } from '@portalflow/engine';
import type { ReactNode } from 'react';
import { NumberAnswerInput } from '../forms/NumberAnswerInput.tsx';
import { focusOnShow } from '../shell/focusOnShow.ts';
import { localToday } from './form.ts';
import { humanize } from './format.ts';

interface Props {
  field: FormField;
  value: unknown;
  error: string | undefined;
  disabled: boolean;
  inputId: string;
  onChange: (value: unknown) => void;
  /** One-line text left: New request writes a patient reference as its chart number then. */
  onBlur?: () => void;
  /** Takes focus when it is shown (at once, and again by Mantine's focus trap: `data-autofocus`). */
  autoFocus?: boolean;
}

/**
 * The label, and for a field required only for some outcomes which ones, beside it: a marker as
 * short as the asterisk it stands in for, since a step may have several such fields. It is a hint in
 * the quiet colour until the field is in error (that outcome was tried without it): a fresh form in
 * red reads as if something had already gone wrong.
 */
function labelOf(field: FormField, error: string | undefined): ReactNode {
  if (field.required || !field.requiredFor?.length) return field.label;
  return (
    <>
      {field.label}{' '}
      <Text span size="xs" fw={600} c={error ? 'red.9' : 'gray.7'} data-testid="form-field-required-for">
        * to finish as {field.requiredFor.map((o) => `“${humanize(o)}”`).join(' or ')}
      </Text>
    </>
  );
}

/**
 * The help under the label, and what the field checks before anyone types: a range always (help
 * rarely says it), a pattern's hint when there is no help (the help of a chart number already says
 * what one looks like).
 */
function descriptionOf(field: FormField): string | undefined {
  const expects = expectedAnswer(field);
  if (!expects) return field.help;
  if (field.type === 'number' || field.type === 'date') {
    const range = `${expects[0]!.toUpperCase()}${expects.slice(1)}.`;
    return field.help ? `${field.help} ${range}` : range;
  }
  return field.help ?? `Enter ${expects}.`;
}

/** One field of a step's form, as the input that fits its type. Required fields are marked. */
export function FormFieldInput({
  field,
  value,
  error,
  disabled,
  inputId,
  onChange,
  onBlur,
  autoFocus,
}: Props) {
  const common = {
    id: inputId,
    label: labelOf(field, error),
    description: descriptionOf(field),
    error,
    disabled,
    withAsterisk: !!field.required,
    'aria-required': field.required ? true : undefined,
    'data-testid': `form-field-${field.id}`,
    'data-autofocus': autoFocus ? true : undefined,
  } as const;
  switch (field.type) {
    case 'text':
      return (
        <TextInput
          {...common}
          ref={autoFocus ? focusOnShow : undefined}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.currentTarget.value)}
          onBlur={onBlur}
        />
      );
    case 'textarea':
      return (
        <Textarea
          {...common}
          ref={autoFocus ? focusOnShow : undefined}
          autosize
          minRows={2}
          maxRows={8}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    case 'date':
      return (
        <TextInput
          {...common}
          type="date"
          // The date picker greys out the days the range leaves out.
          min={field.dateRange === 'future' ? localToday() : undefined}
          max={field.dateRange === 'past' ? localToday() : undefined}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.currentTarget.value)}
          // A short box for a short answer; the label and help keep the form's full width.
          styles={{ wrapper: { maxWidth: 220 } }}
        />
      );
    case 'number':
      return (
        <NumberAnswerInput
          {...common}
          money={field.money === true}
          // The keypad without a minus sign only where no answer is below zero.
          inputMode={field.min !== undefined && field.min >= 0 ? 'decimal' : undefined}
          value={value}
          onChange={onChange}
          // A short box for a short answer; the label and help keep the form's full width.
          styles={{ wrapper: { maxWidth: 220 } }}
        />
      );
    case 'select':
      return (
        <Select
          {...common}
          ref={autoFocus ? focusOnShow : undefined}
          data={(field.options ?? []).map((o) => ({ value: o, label: humanize(o) }))}
          value={typeof value === 'string' ? value : null}
          onChange={(v) => onChange(v ?? undefined)}
          placeholder="Choose…"
          clearable={!field.required}
          searchable={(field.options ?? []).length > 8}
        />
      );
    case 'boolean':
      return (
        <Radio.Group
          label={labelOf(field, error)}
          description={descriptionOf(field)}
          error={error}
          withAsterisk={!!field.required}
          value={value === true ? 'yes' : value === false ? 'no' : null}
          onChange={(v) => onChange(v === 'yes')}
          data-testid={`form-field-${field.id}`}
        >
          <Group gap="lg" mt={4}>
            <Radio value="yes" label="Yes" disabled={disabled} id={`${inputId}-yes`} />
            <Radio value="no" label="No" disabled={disabled} id={`${inputId}-no`} />
          </Group>
        </Radio.Group>
      );
  }
}
