import { checkAnswers, type FormField } from '@portalflow/engine';
import { readNumber } from '../forms/numberAnswer.ts';
import { patternCheck } from '../forms/patternChecks.ts';
import { humanize } from './format.ts';

/**
 * The outcome form: values as the inputs hold them, the data sent to the server, and errors per
 * field — checked with the engine's own checks, so the browser and the server agree (a field's pattern
 * once RE2 has come: forms/patternChecks.ts).
 */
export type FormValues = Record<string, unknown>;
export type FieldErrors = Record<string, string>;

function fits(field: FormField, value: unknown): boolean {
  switch (field.type) {
    case 'text':
    case 'textarea':
    case 'date':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'select':
      return typeof value === 'string' && (field.options ?? []).includes(value);
  }
}

/** Starts from what the instance already knows (a field with the same id and a fitting value). */
export function initialValues(fields: readonly FormField[], data: Record<string, unknown>): FormValues {
  const values: FormValues = {};
  for (const field of fields) {
    const known = data[field.id];
    if (known !== undefined && fits(field, known)) values[field.id] = known;
  }
  return values;
}

/**
 * Turns what an input reports into the value the engine expects (empty → absent, "1,250.40" → 1250.4).
 * Number text that cannot be read stays text, so the form refuses it rather than send another number.
 */
export function normalize(field: FormField, raw: unknown): unknown {
  if (raw === null || raw === undefined || raw === '') return undefined;
  if (field.type === 'number') {
    if (typeof raw === 'number') return raw;
    const reading = readNumber(String(raw), field.money === true, field.whole === true);
    if (!reading) return undefined;
    return 'value' in reading ? reading.value : String(raw);
  }
  if (field.type === 'boolean') {
    if (raw === true || raw === 'yes' || raw === 'true') return true;
    if (raw === false || raw === 'no' || raw === 'false') return false;
    return undefined;
  }
  if (typeof raw === 'string' && (field.type === 'text' || field.type === 'textarea')) {
    if (raw.trim() === '') return undefined;
    // A one-line answer is trimmed: a space pasted with a chart number would fail its pattern and
    // keep the same request from being found again. Long text keeps its layout.
    return field.type === 'text' ? raw.trim() : raw;
  }
  return raw;
}

/** The `data` of POST /complete: only the step's fields, only the ones filled in. */
export function toSubmission(fields: readonly FormField[], values: FormValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const value = normalize(field, values[field.id]);
    if (value !== undefined) out[field.id] = value;
  }
  return out;
}

/**
 * Errors by field id, in the order of the form; empty when the form can be sent. With `outcome`,
 * fields required only for some outcomes count when it is one of them (start forms have none).
 */
export function checkForm(
  fields: readonly FormField[],
  values: FormValues,
  outcome?: string,
  today: string = localToday(),
): FieldErrors {
  const errors: FieldErrors = {};
  const submission = toSubmission(fields, values);
  for (const e of checkAnswers([...fields], submission, patternCheck, outcome, today)) {
    if (e.field in errors) continue;
    const field = fields.find((f) => f.id === e.field);
    // Number text that could not be read: say what is wrong with it, not only that it is no number.
    const unread =
      field?.type === 'number'
        ? readNumber(String(values[e.field] ?? ''), field.money === true, field.whole === true)
        : undefined;
    // The engine names the outcome by its id; staff see it as the button they pressed.
    errors[e.field] =
      field && unread && 'problem' in unread
        ? `${field.label} ${unread.problem}`
        : field && !field.required && outcome !== undefined && submission[e.field] === undefined
          ? `${field.label} is required to finish as “${humanize(outcome)}”`
          : e.message;
  }
  return errors;
}

/** The line above a form that was refused: how many fields need attention (before which outcome); null for none. */
export function attentionSummary(errors: FieldErrors, outcome?: string): string | null {
  const n = Object.keys(errors).length;
  if (n === 0) return null;
  const need = `${n} ${n === 1 ? 'field needs' : 'fields need'} attention`;
  return outcome === undefined ? `${need}.` : `${need} before “${humanize(outcome)}”.`;
}

/**
 * A form sent once is checked again on every change (for the outcome that was tried), so its errors and
 * summary shrink as fields are corrected and are gone once none is left; a field emptied again is said at once.
 */
export function recheck(
  fields: readonly FormField[],
  values: FormValues,
  outcome?: string,
  today: string = localToday(),
): { errors: FieldErrors; summary: string | null } {
  const errors = checkForm(fields, values, outcome, today);
  return { errors, summary: attentionSummary(errors, outcome) };
}

/**
 * Today's date on this computer, for date ranges. The server checks again with the clinic's date, so
 * a browser in another time zone can at worst let an answer through that the server then names.
 */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** DOM id of a field's input, so the first invalid one can take focus. */
export const fieldInputId = (taskId: string, fieldId: string) =>
  `task-field-${taskId.replace(/[^a-zA-Z0-9_-]/g, '-')}-${fieldId}`;
