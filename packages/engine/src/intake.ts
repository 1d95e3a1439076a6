import type { Definition } from './definition.ts';
import type { FieldError } from './form.ts';
import { withChartNumbers } from './patient-reference.ts';
import { validateForm } from './validate-form.ts';

/** Roles that may start the workflow from My work (leads and admins may start any; see the server). */
export const intakeRoles = (definition: Definition): readonly string[] => definition.intake?.roles ?? [];

/**
 * Checks a start form submission: only the start form's own fields are accepted (an unknown key is
 * an error naming it), each of its declared type, required ones present. `today` as in `validateForm`.
 */
export function validateIntake(
  definition: Definition,
  data: Record<string, unknown>,
  today?: string,
): FieldError[] {
  const fields = definition.intake?.form ?? [];
  const known = new Set(fields.map((f) => f.id));
  const errors: FieldError[] = Object.keys(data)
    .filter((key) => !known.has(key))
    .map((key) => ({ field: key, message: `"${key}" is not a field of this start form` }));
  // The patient as it will be kept: a pasted EHR address is checked as the chart number it stands for.
  return [...errors, ...validateForm(fields, withChartNumbers(definition, data), undefined, today)];
}
