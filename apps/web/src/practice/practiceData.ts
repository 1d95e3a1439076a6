import type { Definition, FormField } from '@portalflow/engine';

/** The made-up patient every practice run is about: never a real chart number. */
export const PRACTICE_PATIENT = 'PRACTICE-0001';

/** Today as YYYY-MM-DD in the browser's time zone, as a date field takes it. */
function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function madeUp(field: FormField): unknown {
  switch (field.type) {
    case 'select':
      return field.options?.[0];
    case 'boolean':
      return false;
    case 'number':
      return 0;
    case 'date':
      return today();
    default:
      return field.id === 'patient' ? PRACTICE_PATIENT : `Practice: ${field.label}`;
  }
}

/**
 * Start data for a practice run: made-up values for the start form's required fields (and the
 * practice patient, when the form asks for a patient). Start data is held to the start form, so a
 * practice run fills in the same form a real one does, and nothing it does not declare.
 */
export function practiceStartData(
  definition: Pick<Definition, 'intake'> | undefined,
): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const field of definition?.intake?.form ?? []) {
    if (!field.required && field.id !== 'patient') continue;
    const value = madeUp(field);
    if (value !== undefined) data[field.id] = value;
  }
  return data;
}
