import { Group, Switch, Text } from '@mantine/core';
import type { FormField } from '@portalflow/engine';
import { BoundInput } from './BoundInput.tsx';
import { WrapSelect } from './WrapSelect.tsx';

interface Props {
  field: FormField;
  /** The whole form the field is on: the dates it can be worked out from. */
  form: readonly FormField[];
  /** Whether the form is finished by a step; a start form is not, so nothing is worked out there. */
  canWorkOut: boolean;
  index: number;
  /** Where the field is written (`steps.<id>.form.<n>`). */
  path: string;
  onChange: (change: Partial<FormField>, path?: string) => void;
}

const TYPED = 'typed';

/**
 * A number field's own settings: typed by staff or worked out from a date of the same form (the
 * months since the last visit); an amount of money, a count in whole numbers or a plain number; the
 * range an answer must fit, worded in dollars for an amount.
 */
export function NumberFieldChecks({ field, form, canWorkOut, index, path, onChange }: Props) {
  const dates = form.filter((f) => f.type === 'date' && f.id !== field.id);
  const from = field.computed?.monthsSince;
  const fromLabel = form.find((f) => f.id === from)?.label ?? from;
  const money = field.money === true;
  // An amount is kept to the cent, so it is never also whole numbers only (lint refuses both).
  const whole = field.whole === true && !money;
  return (
    <>
      {(canWorkOut || from !== undefined) && (
        <WrapSelect
          size="xs"
          label="Worked out from a date"
          description={
            dates.length === 0 && from === undefined
              ? 'Add a date field to this form first, such as the last visit'
              : 'The whole months from that date to the day the step is finished'
          }
          data={[
            { value: TYPED, label: 'Not worked out: staff type it' },
            ...dates.map((f) => ({ value: f.id, label: `Months since “${f.label}”` })),
            // A date field removed or renamed elsewhere: still shown, and lint says what is wrong.
            ...(from !== undefined && !dates.some((f) => f.id === from)
              ? [{ value: from, label: `Months since “${fromLabel}”` }]
              : []),
          ]}
          value={from ?? TYPED}
          disabled={dates.length === 0 && from === undefined}
          onChange={(v) =>
            onChange(
              v === null || v === TYPED
                ? { computed: undefined }
                : // Nobody is asked for a worked-out number: it is not required, and it is a count of
                  // months, not an amount or an answer kept in a range.
                  {
                    computed: { monthsSince: v },
                    required: undefined,
                    requiredFor: undefined,
                    money: undefined,
                    whole: undefined,
                    min: undefined,
                    max: undefined,
                  },
              'computed',
            )
          }
          allowDeselect={false}
          data-testid={`field-worked-out-${index}`}
        />
      )}
      {from !== undefined ? (
        <Text size="xs" c="dimmed" data-testid={`field-worked-out-note-${index}`}>
          Staff will not type this: it is the whole months since “{fromLabel}”, worked out when the step is
          finished. Decisions can read it.
        </Text>
      ) : (
        <>
          <Switch
            size="xs"
            label="Money amount"
            description={
              money
                ? 'Dollars and cents, shown as $1,250.40; a credit is typed with a minus sign'
                : 'Dollars and cents instead of a plain number'
            }
            checked={money}
            onChange={(e) =>
              onChange(
                e.currentTarget.checked ? { money: true, whole: undefined } : { money: undefined },
                'money',
              )
            }
            data-testid={`field-money-${index}`}
          />
          <Switch
            size="xs"
            label="Whole numbers only"
            description={
              money
                ? 'An amount of money is kept to the cent'
                : whole
                  ? 'Staff who type 12.5 are asked for a whole number, such as 12'
                  : 'For a count, such as an age or a days’ supply'
            }
            checked={whole}
            disabled={money}
            onChange={(e) => onChange({ whole: e.currentTarget.checked || undefined }, 'whole')}
            data-testid={`field-whole-${index}`}
          />
          <Group gap={6} grow align="flex-start">
            <BoundInput
              path={`${path}.min`}
              field={field.label}
              label={money ? 'Smallest amount' : 'Smallest answer'}
              description={money ? '$0.00 takes no credits' : undefined}
              money={money}
              whole={whole}
              value={field.min}
              onChange={(min) => onChange({ min }, 'min')}
              data-testid={`field-min-${index}`}
            />
            <BoundInput
              path={`${path}.max`}
              field={field.label}
              label={money ? 'Largest amount' : 'Largest answer'}
              money={money}
              whole={whole}
              value={field.max}
              onChange={(max) => onChange({ max }, 'max')}
              data-testid={`field-max-${index}`}
            />
          </Group>
        </>
      )}
    </>
  );
}
