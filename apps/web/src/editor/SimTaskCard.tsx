import { Button, Checkbox, Group, NumberInput, Select, Stack, Text, TextInput } from '@mantine/core';
import type { Definition, FormField } from '@portalflow/engine';
import { roleNameIn as roleName, stepTitle } from '@portalflow/engine';
import { Send } from 'lucide-react';
import { useState } from 'react';
import { type SimAction, sampleFormData } from '../model/simulation.ts';

function FieldInput({
  field,
  value,
  onChange,
}: {
  field: FormField;
  value: unknown;
  onChange: (v: unknown) => void;
}) {
  const label = `${field.label}${field.required ? ' *' : field.requiredFor ? ` * (to finish as ${field.requiredFor.join(' or ')})` : ''}`;
  switch (field.type) {
    case 'select':
      return (
        <Select
          size="xs"
          label={label}
          data={field.options ?? []}
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
        <NumberInput
          size="xs"
          label={label}
          value={typeof value === 'number' ? value : ''}
          onChange={(v) => onChange(typeof v === 'number' ? v : undefined)}
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

/** Only the keys of the step's form: a field renamed or removed while the card was open is not sent. */
function declaredOnly(fields: readonly FormField[], data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(fields.filter((f) => f.id in data).map((f) => [f.id, data[f.id]]));
}

/** One open task or wait in a practice run: its form (prefilled) and its outcomes as buttons. */
export function SimTaskCard({
  action,
  definition,
  onComplete,
  onSignal,
}: {
  action: SimAction;
  definition: Definition;
  onComplete: (outcome: string, data: Record<string, unknown>) => void;
  onSignal: (name: string) => void;
}) {
  const step = definition.steps[action.step];
  const fields = step?.type === 'task' ? (step.form ?? []) : [];
  const [data, setData] = useState<Record<string, unknown>>(() => sampleFormData(fields));
  return (
    <Stack gap={4} className="pf-fieldset" data-testid={`sim-active-${action.step}`}>
      <Text size="sm" fw={600}>
        {stepTitle(definition, action.step)}
      </Text>
      <Text size="xs" c="dimmed">
        {action.kind === 'complete'
          ? `Open for ${roleName(definition, action.role)}`
          : `Waiting${action.signal ? ` for signal “${action.signal}”` : ''}`}
      </Text>
      {fields.map((f) => (
        <FieldInput
          key={f.id}
          field={f}
          value={data[f.id]}
          onChange={(v) => setData((d) => ({ ...d, [f.id]: v }))}
        />
      ))}
      <Group gap={4}>
        {action.kind === 'complete' &&
          action.outcomes.map((o) => (
            <Button
              key={o}
              size="compact-xs"
              variant="light"
              onClick={() => onComplete(o, declaredOnly(fields, data))}
              data-testid={`sim-outcome-${action.step}-${o}`}
            >
              {o}
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
            Send “{action.signal}”
          </Button>
        )}
      </Group>
    </Stack>
  );
}
