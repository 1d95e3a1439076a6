import type { FormField } from '@portalflow/engine';
import {
  attentionSummary,
  checkForm,
  type FieldErrors,
  type FormValues,
  toSubmission,
} from '../work/form.ts';

/** What a practice run starts with, and what New request would refuse of it. */
export interface StartData {
  /** The start form's answers as a real start sends them, after any data the lead wrote beside them. */
  data: Record<string, unknown>;
  /** By field id, in words; the run waits until there are none. */
  errors: FieldErrors;
  /** "2 fields need attention."; null when the form is complete. */
  summary: string | null;
}

/**
 * The start form's answers turned into start data, checked as New request checks them (the same
 * `checkForm`), so a practice run starts only from what a real start would take. `extra` is data
 * written by hand for a decision that reads a key no field asks.
 */
export function startDataOf(
  fields: readonly FormField[],
  answers: FormValues,
  extra: Record<string, unknown>,
  today?: string,
): StartData {
  const errors = checkForm(fields, answers, undefined, today);
  return { data: { ...extra, ...toSubmission(fields, answers) }, errors, summary: attentionSummary(errors) };
}

/** Start data as the Advanced box shows it. */
export const startDataText = (data: Record<string, unknown>): string => JSON.stringify(data, null, 2);

/** A value written as data, as the field's input would hold it: a wrong kind becomes text, to be named. */
function asAnswer(field: FormField, value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  if (field.type === 'boolean' || (field.type === 'number' && typeof value === 'number')) return value;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * Start data written by hand, split back into the start form's answers (every field: one the data
 * leaves out is emptied, so the form shows what the run starts with) and the rest.
 */
export function answersOfStartData(
  fields: readonly FormField[],
  data: Record<string, unknown>,
): { answers: FormValues; extra: Record<string, unknown> } {
  const answers: FormValues = {};
  for (const field of fields) answers[field.id] = asAnswer(field, data[field.id]);
  const asked = new Set(fields.map((f) => f.id));
  const extra = Object.fromEntries(Object.entries(data).filter(([key]) => !asked.has(key)));
  return { answers, extra };
}
