import { TextInput, type TextInputProps } from '@mantine/core';
import { readNumber, showNumber } from './numberAnswer.ts';

type Props = Omit<TextInputProps, 'value' | 'onChange' | 'onBlur'> & {
  /** A number once read, or the text as typed (kept so the form can say what is wrong with it). */
  value: unknown;
  /** An amount of money: shown as `$1,250.40`, kept to the cent. */
  money: boolean;
  onChange: (value: number | string) => void;
};

/**
 * A box for a number, read the way staff write one (`1,250.40`) by the same reader everywhere. Typed
 * as text: a number input takes the comma of 1,250.40 for a decimal point. Once left, an answer that
 * could be read is shown as it will be kept; text that cannot be read stays as typed, for the form to
 * refuse with what to type instead.
 */
export function NumberAnswerInput({ value, money, onChange, ...rest }: Props) {
  return (
    <TextInput
      autoComplete="off"
      {...rest}
      value={typeof value === 'number' ? showNumber(value, money) : typeof value === 'string' ? value : ''}
      onChange={(e) => onChange(e.currentTarget.value)}
      onBlur={(e) => {
        const reading = readNumber(e.currentTarget.value, money);
        if (reading && 'value' in reading) onChange(reading.value);
      }}
    />
  );
}
