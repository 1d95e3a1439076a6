import type { FormField } from './definition.ts';
import type { FieldError } from './form.ts';

/**
 * Computed form fields: worked out by the engine when the step is finished, never asked of anyone.
 * `{ "computed": { "monthsSince": "lastVisitDate" } }` on a number field is the whole months from that
 * date (a field of the same form) to the clinic's date at that moment, so a form asks for the last
 * visit's date alone and a decision still reads "more than 12 months ago". The value is written into
 * the instance data like an answer (the history shows it old → new); replay works it out again from
 * the recorded time and the instance's calendar, so it is the same on every replay.
 */

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The fields a person answers: the form without its computed fields. */
export function askedFields(form: readonly FormField[] | undefined): FormField[] {
  return (form ?? []).filter((f) => f.computed === undefined);
}

/**
 * Whole months from `from` to `to` (both `YYYY-MM-DD`): a month counts once its day of the month is
 * reached (31 January to 28 February is 0; to 1 March, 1). Negative when `to` is earlier.
 */
export function wholeMonths(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number);
  const [ty, tm, td] = to.split('-').map(Number);
  const months = (ty! - fy!) * 12 + (tm! - fm!);
  if (months > 0 && td! < fd!) return months - 1;
  if (months < 0 && td! > fd!) return months + 1;
  return months;
}

/** An answer given for a computed field is refused: nobody types what the engine works out. */
export function computedAnswered(
  form: readonly FormField[] | undefined,
  data: Record<string, unknown> | undefined,
): FieldError[] {
  const errors: FieldError[] = [];
  for (const field of form ?? []) {
    if (field.computed === undefined || data?.[field.id] === undefined) continue;
    const source = form?.find((f) => f.id === field.computed?.monthsSince);
    errors.push({
      field: field.id,
      message: `${field.label} is worked out from ${source?.label ?? field.computed.monthsSince}; leave it out`,
    });
  }
  return errors;
}

/**
 * The values of a form's computed fields for the answers given, `today` being the clinic's date when
 * the step is finished. A field whose date was not given (an outcome that does not need it) is left out.
 */
export function computedValues(
  form: readonly FormField[] | undefined,
  data: Record<string, unknown> | undefined,
  today: string,
): Record<string, number> {
  const values: Record<string, number> = {};
  for (const field of form ?? []) {
    if (field.computed === undefined) continue;
    const from = data?.[field.computed.monthsSince];
    if (typeof from === 'string' && DATE.test(from)) values[field.id] = wholeMonths(from, today);
  }
  return values;
}
