import type { FormField } from './definition.ts';
import { fitsPattern } from './field-pattern.ts';
import { checkAnswers, type FieldError } from './form.ts';

/**
 * Checks submitted form data against a task's fields: required ones present (those required only
 * for some outcomes when finishing with one of them), each of its type and within its checks.
 * `today` (`YYYY-MM-DD`, the clinic's date: see `clinicDay`) is needed for `dateRange`; a caller
 * without a clock leaves it out and date ranges are not checked.
 */
export function validateForm(
  fields: FormField[] | undefined,
  data: Record<string, unknown> | undefined,
  outcome?: string,
  today?: string,
): FieldError[] {
  return checkAnswers(fields, data, fitsPattern, outcome, today);
}
