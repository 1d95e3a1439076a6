import type { FormField } from './definition.ts';

export interface FieldError {
  field: string;
  message: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether a field must be filled in to finish with `outcome` (a start form has none). */
export function isRequired(field: FormField, outcome?: string): boolean {
  if (field.required) return true;
  return outcome !== undefined && (field.requiredFor?.includes(outcome) ?? false);
}

/**
 * Checks submitted form data against a task's fields: required ones present (those required only
 * for some outcomes when finishing with one of them), each of its type.
 */
export function validateForm(
  fields: FormField[] | undefined,
  data: Record<string, unknown> | undefined,
  outcome?: string,
): FieldError[] {
  if (!fields || fields.length === 0) return [];
  const errors: FieldError[] = [];
  for (const field of fields) {
    const value = data?.[field.id];
    if (value === undefined || value === null || value === '') {
      if (field.required) errors.push({ field: field.id, message: `${field.label} is required` });
      else if (isRequired(field, outcome))
        errors.push({ field: field.id, message: `${field.label} is required to finish as ${outcome}` });
      continue;
    }
    switch (field.type) {
      case 'text':
      case 'textarea':
        if (typeof value !== 'string')
          errors.push({ field: field.id, message: `${field.label} must be text` });
        break;
      case 'number':
        if (typeof value !== 'number' || !Number.isFinite(value)) {
          errors.push({ field: field.id, message: `${field.label} must be a number` });
        }
        break;
      case 'boolean':
        if (typeof value !== 'boolean')
          errors.push({ field: field.id, message: `${field.label} must be yes or no` });
        break;
      case 'select':
        if (typeof value !== 'string' || !(field.options ?? []).includes(value)) {
          errors.push({
            field: field.id,
            message: `${field.label} must be one of: ${(field.options ?? []).join(', ')}`,
          });
        }
        break;
      case 'date':
        if (typeof value !== 'string' || !DATE.test(value) || Number.isNaN(Date.parse(value))) {
          errors.push({ field: field.id, message: `${field.label} must be a date (YYYY-MM-DD)` });
        }
        break;
    }
  }
  return errors;
}
