import { systemRoleTitle } from '@portalflow/contract';
import { type FormField, formatMoney, idToWords } from '@portalflow/engine';
import { formatDate } from '../shell/time.ts';

/**
 * Plain-language labels for ids the engine uses ("needs-provider" → "Needs provider",
 * "lastVisitDate" → "Last visit date"); the engine's, so screens and server reports word them alike.
 */
export const humanize = idToWords;

/** A role by its id in words; the product's own roles by their titles ("Operations lead", not "Designer"). */
export const roleLabel = (role: string | null | undefined): string =>
  role ? (systemRoleTitle(role) ?? humanize(role)) : 'No role';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A value from the instance's data as short readable text. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number')
    return Number.isFinite(value) ? value.toLocaleString('en-US') : String(value);
  if (typeof value === 'string') {
    // A date answer (a visit date) is a calendar date: written as every date is, never moved by a zone.
    if (ISO_DATE.test(value)) return formatDate(value);
    return value;
  }
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.map(formatValue).join(', ');
  return JSON.stringify(value);
}

/** A data value as its form shows it: a choice as offered ("pharmacy-fax" → "Pharmacy fax"), an amount as "$1,250.40". */
export function fieldValue(field: Pick<FormField, 'type' | 'money'> | undefined, value: unknown): string {
  if (field?.type === 'select' && typeof value === 'string') return humanize(value);
  if (field?.money && typeof value === 'number' && Number.isFinite(value)) return formatMoney(value);
  return formatValue(value);
}

/**
 * Entries of the instance's data in a readable order: the fields the workflow declares first, in its
 * order (start form, then each step's form) and with their form labels; any other keys after them
 * (scalars first, then the rest, by name) with their keys in words.
 */
export function dataEntries(
  data: Record<string, unknown>,
  fields: ReadonlyArray<Pick<FormField, 'id' | 'label' | 'type' | 'money'>> = [],
): Array<{ key: string; label: string; value: string }> {
  const declared = new Map(
    fields.map((f, index) => [f.id, { label: f.label, type: f.type, money: f.money, index }]),
  );
  const show = (key: string, value: unknown) => fieldValue(declared.get(key), value);
  const rank = (key: string, value: unknown) =>
    declared.get(key)?.index ?? fields.length + (typeof value === 'object' && value !== null ? 1 : 0);
  return Object.entries(data)
    .filter(([, v]) => v !== undefined)
    .sort(([a, va], [b, vb]) => rank(a, va) - rank(b, vb) || a.localeCompare(b))
    .map(([key, value]) => ({
      key,
      label: declared.get(key)?.label ?? humanize(key),
      value: show(key, value),
    }));
}
