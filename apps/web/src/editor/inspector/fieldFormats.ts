import type { FormField } from '@portalflow/engine';
import { CHART_NUMBER_EXAMPLE } from '../../work/chartExample.ts';

/**
 * Formats a lead can pick by name instead of writing a regular expression: the answers clinics most
 * often get wrong at a front desk. Each is an RE2 pattern the whole answer must match.
 */
export const FORMATS: ReadonlyArray<{ id: string; label: string; pattern: string; hint: string }> = [
  {
    id: 'chart-number',
    label: 'Chart number (letters, a dash, digits)',
    pattern: '[A-Za-z]{2,10}-[0-9]{1,10}',
    hint: `a chart number such as ${CHART_NUMBER_EXAMPLE}`,
  },
  {
    id: 'phone',
    label: 'Phone number',
    pattern: '\\+?\\(?[0-9][0-9 ().-]{5,20}',
    hint: 'a phone number such as (555) 201-0142',
  },
  {
    id: 'zip',
    label: 'ZIP code',
    pattern: '[0-9]{5}(-[0-9]{4})?',
    hint: 'a ZIP code such as 12345',
  },
  {
    id: 'email',
    label: 'Email address',
    pattern: '[^@\\s]+@[^@\\s]+\\.[^@\\s]+',
    hint: 'an email address such as name@example.org',
  },
  {
    id: 'digits',
    label: 'Digits only',
    pattern: '[0-9]+',
    hint: 'digits only, such as 1234',
  },
];

/** Which format the field has: `any` (no pattern), a named one, or `custom`. */
export function formatOf(field: FormField): string {
  if (field.pattern === undefined) return 'any';
  return FORMATS.find((f) => f.pattern === field.pattern)?.id ?? 'custom';
}
