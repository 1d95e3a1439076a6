import { Text, Textarea, TextInput } from '@mantine/core';
import { compilePattern, type FormField, validateForm } from '@portalflow/engine';
import { useState } from 'react';
import { CHART_NUMBER_EXAMPLE } from '../../work/chartExample.ts';
import { FORMATS, formatOf } from './fieldFormats.ts';
import { NumberFieldChecks } from './NumberFieldChecks.tsx';
import { WrapSelect } from './WrapSelect.tsx';

interface Props {
  field: FormField;
  /** Index in the form, for test ids. */
  index: number;
  onChange: (change: Partial<FormField>, path?: string) => void;
}

interface FormProps extends Props {
  /** The whole form the field is on. */
  form: readonly FormField[];
  /** Whether the form is finished by a step (not a start form): only then is a number worked out. */
  canWorkOut: boolean;
  /** Where the field is written (`steps.<id>.form.<n>`): what its boxes hold while unfinished. */
  path: string;
}

/**
 * What a field checks in an answer and what staff read under it: help for everyone; a format (a
 * common one by name, or a pattern) for text; for numbers, an amount or not, a range, or worked out
 * from a date. "Try an answer" runs the engine's own check, so the lead sees the message staff will see.
 */
export function FieldChecks({ field, form, canWorkOut, index, path, onChange }: FormProps) {
  // Patterns are for one-line answers (codes, numbers, references).
  const isText = field.type === 'text';
  return (
    <>
      <Textarea
        size="xs"
        label="Help for staff"
        description="Shown under the field: what to write, where to find it"
        autosize
        minRows={1}
        maxRows={4}
        value={field.help ?? ''}
        onChange={(e) => onChange({ help: e.currentTarget.value || undefined }, 'help')}
        data-testid={`field-help-${index}`}
      />
      {isText && <TextFormat field={field} index={index} onChange={onChange} />}
      {field.type === 'date' && (
        <WrapSelect
          size="xs"
          label="Dates allowed"
          data={[
            { value: 'any', label: 'Any date' },
            { value: 'past', label: 'Today or earlier (a last visit)' },
            { value: 'future', label: 'Today or later (a booked follow-up)' },
          ]}
          value={field.dateRange ?? 'any'}
          onChange={(v) =>
            onChange({ dateRange: v === 'past' || v === 'future' ? v : undefined }, 'dateRange')
          }
          allowDeselect={false}
          data-testid={`field-date-range-${index}`}
        />
      )}
      {field.type === 'number' && (
        <NumberFieldChecks
          field={field}
          form={form}
          canWorkOut={canWorkOut}
          index={index}
          path={path}
          onChange={onChange}
        />
      )}
    </>
  );
}

function TextFormat({ field, index, onChange }: Props) {
  const [trial, setTrial] = useState('');
  // "Custom" stays chosen while the lead edits a pattern, even through an empty box or a pattern
  // that happens to equal a named format's.
  const [custom, setCustom] = useState(false);
  const format = custom ? 'custom' : formatOf(field);
  const compiled = field.pattern === undefined ? undefined : compilePattern(field.pattern);
  const trialErrors =
    trial === '' ? [] : validateForm([{ ...field, required: false }], { [field.id]: trial });
  return (
    <>
      <WrapSelect
        size="xs"
        label="Format"
        data={[
          { value: 'any', label: 'Any text' },
          ...FORMATS.map((f) => ({ value: f.id, label: f.label })),
          { value: 'custom', label: 'Custom pattern…' },
        ]}
        value={format}
        onChange={(v) => {
          const preset = FORMATS.find((f) => f.id === v);
          setCustom(v === 'custom');
          if (v === 'any') onChange({ pattern: undefined, patternHint: undefined }, 'pattern');
          else if (preset) onChange({ pattern: preset.pattern, patternHint: preset.hint }, 'pattern');
        }}
        allowDeselect={false}
        data-testid={`field-format-${index}`}
      />
      {format === 'custom' && (
        <TextInput
          size="xs"
          label="Pattern"
          description="A regular expression (RE2) the whole answer must match; (?i) ignores case"
          value={field.pattern ?? ''}
          onChange={(e) => onChange({ pattern: e.currentTarget.value || undefined }, 'pattern')}
          error={compiled && !compiled.ok ? `Not a pattern: ${compiled.reason}` : undefined}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          data-testid={`field-pattern-${index}`}
        />
      )}
      {field.pattern !== undefined && (
        <>
          <Textarea
            size="xs"
            label="A right answer looks like"
            description={`Staff who type another read “${field.label} must be …” with this`}
            placeholder={`a chart number such as ${CHART_NUMBER_EXAMPLE}`}
            autosize
            minRows={1}
            value={field.patternHint ?? ''}
            onChange={(e) =>
              onChange(
                { patternHint: e.currentTarget.value.replace(/\s*\n\s*/g, ' ') || undefined },
                'patternHint',
              )
            }
            onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()}
            data-testid={`field-pattern-hint-${index}`}
          />
          <TextInput
            size="xs"
            label="Try an answer"
            value={trial}
            onChange={(e) => setTrial(e.currentTarget.value)}
            data-testid={`field-try-${index}`}
          />
          {trial !== '' && (
            <Text
              size="xs"
              c={trialErrors.length ? 'red.9' : 'teal.9'}
              data-testid={`field-try-result-${index}`}
            >
              {trialErrors.length ? trialErrors[0]!.message : 'Accepted'}
            </Text>
          )}
        </>
      )}
    </>
  );
}
