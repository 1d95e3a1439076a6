import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import type { FormField } from '@portalflow/engine';
import { CircleAlert } from 'lucide-react';
import { useState } from 'react';
import { FormFieldInput } from '../work/FormFieldInput.tsx';
import { fieldValue } from '../work/format.ts';
import type { Simulation } from './useSimulation.ts';

const inputId = (fieldId: string) => `sim-start-${fieldId}`;

/**
 * The answers a run started with, on one line: "DEMO-7002 · Procedure · Knee injection, Tuesday"; a
 * yes-or-no says what it answers ("Urgent: No"), which a bare "No" would not.
 */
function answersLine(fields: readonly FormField[], answers: Record<string, unknown>): string {
  return fields
    .filter((f) => answers[f.id] !== undefined && answers[f.id] !== null && answers[f.id] !== '')
    .map((f) => (f.type === 'boolean' ? `${f.label}: ` : '') + fieldValue(f, answers[f.id]))
    .join(' · ');
}

/**
 * How a practice run starts: the workflow's start form, as New request shows it (the same inputs),
 * answered with practice values. A change starts the run again; what New request would refuse is said
 * under its field and the run waits. Once the run is under way the form folds to one line.
 */
export function SimStartForm({ sim }: { sim: Simulation }) {
  const [changing, setChanging] = useState(false);
  const fields = sim.startFields;
  if (fields.length === 0) return null;
  const open = changing || !sim.canStepBack || sim.startProblem !== null;
  if (!open)
    return (
      <Group gap={6} wrap="nowrap" align="flex-start" data-testid="sim-start-summary">
        <Text size="xs" style={{ flex: 1, minWidth: 0 }} lineClamp={2}>
          <Text span size="xs" fw={600}>
            Started with:{' '}
          </Text>
          {answersLine(fields, sim.answers)}
        </Text>
        <Button size="compact-xs" variant="subtle" onClick={() => setChanging(true)} aria-expanded={false}>
          Change
        </Button>
      </Group>
    );
  return (
    <Stack gap={6} className="pf-fieldset" data-testid="sim-start-form">
      <Group justify="space-between" gap={4} wrap="nowrap">
        <Text size="sm" fw={600}>
          The request it starts with
        </Text>
        {sim.canStepBack && changing && (
          <Button size="compact-xs" variant="subtle" onClick={() => setChanging(false)} aria-expanded>
            Hide
          </Button>
        )}
      </Group>
      <Text size="xs" c="gray.7">
        The New request form, filled in with practice answers, never a real patient. Change any answer and the
        run starts again from it.
      </Text>
      {sim.startProblem && (
        <Alert color="red" variant="light" icon={<CircleAlert size={16} aria-hidden />} p="xs" role="alert">
          {sim.startProblem} The run starts once the start form is complete.
        </Alert>
      )}
      {fields.map((field) => (
        <FormFieldInput
          key={field.id}
          field={field}
          value={sim.answers[field.id]}
          error={sim.answerErrors[field.id]}
          disabled={false}
          inputId={inputId(field.id)}
          onChange={(value) => sim.setAnswer(field.id, value)}
        />
      ))}
    </Stack>
  );
}
