import { readNumber } from './numberAnswer.ts';

/** A field as far as reading its numbers goes: a step's form field or a tracking entry's. */
export interface NumberFieldLike {
  id: string;
  label: string;
  type: string;
  money?: boolean;
  whole?: boolean;
}

/**
 * The answers of a form not checked by the engine (a practice run's task card, a tracking entry) with
 * each number box's text read as a step's form reads it, and what is wrong with any that cannot be
 * read, said after its label. Empty text is no answer. A form with errors is not sent.
 */
export function readTypedNumbers(
  fields: readonly NumberFieldLike[],
  values: Record<string, unknown>,
): { values: Record<string, unknown>; errors: Record<string, string> } {
  const read: Record<string, unknown> = { ...values };
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const typed = values[field.id];
    if (field.type !== 'number' || typeof typed !== 'string') continue;
    const reading = readNumber(typed, field.money === true, field.whole === true);
    if (reading === undefined) delete read[field.id];
    else if ('value' in reading) read[field.id] = reading.value;
    else errors[field.id] = `${field.label} ${reading.problem}`;
  }
  return { values: read, errors };
}
