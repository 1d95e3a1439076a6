import { Button, Checkbox, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import type { Definition, FormField } from '@portalflow/engine';
import { idToWords, roleNameIn as roleName, stepTitle } from '@portalflow/engine';
import { Send } from 'lucide-react';
import { useState } from 'react';
import { NumberAnswerInput } from '../forms/NumberAnswerInput.tsx';
import { readTypedNumbers } from '../forms/typedNumbers.ts';
import { type SimAction, sampleFormData } from '../model/simulation.ts';
import { initialValues } from '../work/form.ts';

function FieldInput({
  field,
  form,
  value,
  error,
  onChange,
}: {
  field: FormField;
  form: readonly FormField[];
  value: unknown;
  error: string | undefined;
  onChange: (v: unknown) => void;
}) {
  if (field.computed) {
    const from = form.find((f) => f.id === field.computed?.monthsSince)?.label ?? field.computed.monthsSince;
    return (
      <Text size="xs" data-testid={`sim-computed-${field.id}`}>
        {field.label}: worked out from {from} when the step is finished
      </Text>
    );
  }
  // Outcomes by the words on their buttons ("to finish as One month bridge"), not their ids.
  const label = `${field.label}${field.required ? ' *' : field.requiredFor ? ` * (to finish as ${field.requiredFor.map(idToWords).join(' or ')})` : ''}`;
  switch (field.type) {
    case 'select':
      return (
        <Select
          size="xs"
          label={label}
          // A choice by its words, as staff see it on the task ("Needs visit", not `needs-visit`).
          data={(field.options ?? []).map((o) => ({ value: o, label: idToWords(o) }))}
          value={(value as string) || null}
          onChange={(v) => onChange(v ?? '')}
          allowDeselect={false}
        />
      );
    case 'boolean':
      return (
        <Checkbox
          size="xs"
          label={label}
          checked={value === true}
          onChange={(e) => onChange(e.currentTarget.checked)}
        />
      );
    case 'number':
      return (
        <NumberAnswerInput
          size="xs"
          label={label}
          money={field.money === true}
          value={value}
          error={error}
          onChange={onChange}
        />
      );
    default:
      return (
        <TextInput
          size="xs"
          label={label}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
  }
}

/**
 * Only the keys of the step's form that a person answers: a field renamed or removed while the card
 * was open is not sent, nor one the engine works out.
 */
function declaredOnly(fields: readonly FormField[], data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(fields.filter((f) => f.id in data && !f.computed).map((f) => [f.id, data[f.id]]));
}

/**
 * One open task or wait in a practice run: its form and its outcomes as buttons. The form starts from
 * what the run already knows, as a real task's does (the visit type the request came with), and
 * sample answers for the rest.
 */
export function SimTaskCard({
  action,
  definition,
  known,
  onComplete,
  onSignal,
}: {
  action: SimAction;
  definition: Definition;
  /** The run's data so far. */
  known: Record<string, unknown>;
  onComplete: (outcome: string, data: Record<string, unknown>) => void;
  onSignal: (name: string) => void;
}) {
  const step = definition.steps[action.step];
  const fields = step?.type === 'task' ? (step.form ?? []) : [];
  const [data, setData] = useState<Record<string, unknown>>(() => ({
    ...sampleFormData(fields),
    ...initialValues(fields, known),
  }));
  // Numbers that could not be read when an outcome was pressed: said under their box, nothing sent.
  const [errors, setErrors] = useState<Record<string, string>>({});
  const finish = (outcome: string) => {
    const read = readTypedNumbers(fields, declaredOnly(fields, data));
    setErrors(read.errors);
    if (Object.keys(read.errors).length === 0) onComplete(outcome, read.values);
  };
  return (
    <Stack gap={4} className="pf-fieldset" data-testid={`sim-active-${action.step}`}>
      <Text size="sm" fw={600}>
        {stepTitle(definition, action.step)}
      </Text>
      <Text size="xs" c="dimmed">
        {action.kind === 'complete'
          ? `Open for ${roleName(definition, action.role)}`
          : `Waiting${action.signal ? ` for “${idToWords(action.signal)}”` : ''}`}
      </Text>
      {fields.map((f) => (
        <FieldInput
          key={f.id}
          field={f}
          form={fields}
          value={data[f.id]}
          error={errors[f.id]}
          onChange={(v) => {
            setData((d) => ({ ...d, [f.id]: v }));
            setErrors(({ [f.id]: _corrected, ...rest }) => rest);
          }}
        />
      ))}
      <Group gap={4}>
        {action.kind === 'complete' &&
          action.outcomes.map((o) => (
            <Button
              key={o}
              size="compact-xs"
              variant="light"
              onClick={() => finish(o)}
              data-testid={`sim-outcome-${action.step}-${o}`}
            >
              {idToWords(o)}
            </Button>
          ))}
        {action.kind === 'signal' && action.signal && (
          <Button
            size="compact-xs"
            variant="light"
            leftSection={<Send size={12} aria-hidden />}
            onClick={() => onSignal(action.signal!)}
            data-testid={`sim-signal-${action.step}`}
          >
            Send “{idToWords(action.signal)}”
          </Button>
        )}
      </Group>
    </Stack>
  );
}
