import { TextInput } from '@mantine/core';
import { useState } from 'react';
import { readNumber, showNumber } from '../../forms/numberAnswer.ts';
import { useUnfinishedEntry } from './useUnfinishedEntry.ts';

interface Props {
  /** Where the bound is written (`steps.<id>.form.<n>.min`): what the box holds while unfinished. */
  path: string;
  /** The field's label, to say in the Problems panel which field's bound it is. */
  field: string;
  label: string;
  description?: string;
  value: number | undefined;
  /** An amount of money: read and shown as staff's answers are, to the cent. */
  money: boolean;
  /** A count (whole numbers only): a bound with a fraction is refused as the answers are. */
  whole: boolean;
  onChange: (value: number | undefined) => void;
  'data-testid'?: string;
}

/**
 * The smallest or largest answer a number field takes, read by the same reader as the answers
 * (`1,250.40`; a comma only groups thousands). Text that cannot be read is said under the box and
 * leaves the bound as it was; an amount takes no fraction of a cent and a count no fraction at all,
 * as the answers do not. Text that cannot be read is held as an unfinished entry: a problem that
 * blocks Publish and stays in the box, even after the lead looks at another step, until it is fixed.
 */
export function BoundInput({
  path,
  field,
  label,
  description,
  value,
  money,
  whole,
  onChange,
  ...rest
}: Props) {
  const { entry, hold } = useUnfinishedEntry(path);
  // What is being typed, until the box is left; the bound as kept otherwise.
  const [typed, setTyped] = useState<string | null>(entry?.text ?? null);
  // A bound kept from before the field was an amount or a count (or from imported JSON) may split a
  // cent or be a fraction: shown as written, and said wrong, rather than rounded out of sight.
  const kept = value === undefined ? '' : String(value);
  const reading = readNumber(typed ?? kept, money, whole);
  return (
    <TextInput
      size="xs"
      label={label}
      description={description}
      autoComplete="off"
      value={
        typed ?? (value === undefined || (reading && 'problem' in reading) ? kept : showNumber(value, money))
      }
      error={reading && 'problem' in reading ? `${label} ${reading.problem}` : undefined}
      onChange={(e) => {
        const text = e.currentTarget.value;
        setTyped(text);
        const read = readNumber(text, money, whole);
        if (read !== undefined && 'problem' in read) {
          hold({ text, problem: `“${field}”: ${label} ${read.problem}` });
          return;
        }
        hold(null);
        onChange(read === undefined ? undefined : read.value);
      }}
      onBlur={() => {
        if (!(reading && 'problem' in reading)) setTyped(null);
      }}
      data-testid={rest['data-testid']}
    />
  );
}
