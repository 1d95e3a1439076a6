import type { Definition, FormField } from './definition.ts';
import { chartNumber, patientReferenceFields } from './patient-reference.ts';
import { parseSubject } from './subject-template.ts';
import { calendarDate } from './text/clinic-dates.ts';
import { idToWords } from './text/words.ts';

export { parseSubject, type SubjectParse, type SubjectPart, subjectFields } from './subject-template.ts';

/** The longest subject shown; longer ones are cut with an ellipsis. */
export const SUBJECT_MAX = 200;

function valueText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

/**
 * Fills a template from data: missing fields are left empty, whitespace collapses, separators left
 * dangling at either end are dropped, and the result is
 * cut to SUBJECT_MAX characters. An empty result (or a template that does not parse) gives null.
 */
export function renderSubject(
  template: string | undefined,
  data: Record<string, unknown>,
  /** How a field's value is shown; as it is when left out. */
  show: (field: string, value: unknown) => unknown = (_, value) => value,
): string | null {
  if (!template) return null;
  const parsed = parseSubject(template);
  if (!parsed.ok) return null;
  const raw = parsed.parts
    .map((p) =>
      'text' in p
        ? p.text
        : valueText(Object.hasOwn(data, p.field) ? show(p.field, data[p.field]) : undefined),
    )
    .join('');
  // A missing field must not leave a dangling separator ("DEMO-5001 · Refill:").
  const text = raw
    .replace(/\s+/g, ' ')
    .replace(/^[\s:·•|,;/–—-]+|[\s:·•|,;/–—-]+$/g, '')
    .trim();
  if (!/[\p{L}\p{N}]/u.test(text)) return null;
  return text.length > SUBJECT_MAX ? `${text.slice(0, SUBJECT_MAX - 1)}…` : text;
}

/** Every form field a workflow declares (its start form's and its tasks'), by id. */
export function definitionFields(definition: Definition): Map<string, FormField> {
  const fields = new Map<string, FormField>();
  for (const field of definition.intake?.form ?? []) fields.set(field.id, field);
  for (const step of Object.values(definition.steps)) {
    if (step.type !== 'task') continue;
    for (const field of step.form ?? []) if (!fields.has(field.id)) fields.set(field.id, field);
  }
  return fields;
}

// A choice kept as an id ("statement-question"), not one written in words ("In person", "MRI").
const CHOICE_ID = /^[a-z0-9]+([-_][a-z0-9]+)*$/;

/**
 * How one answer reads in a subject: a choice said in words as its form shows it ("Statement question",
 * not "statement-question"), a date as the clinic writes it ("Mar 1", not "2026-03-01"; "Mar 1, 2027"
 * outside `today`'s year; read as a calendar date, so no time zone moves it). Anything else as it is.
 */
function shownInSubject(field: FormField | undefined, value: unknown, today: string): unknown {
  if (typeof value !== 'string') return value;
  if (field?.type === 'select' && CHOICE_ID.test(value)) return idToWords(value);
  if (field?.type === 'date')
    return calendarDate(value, { weekday: false, year: value.slice(0, 4) !== today.slice(0, 4) });
  return value;
}

/**
 * A request's subject from its workflow's template, its choices and dates in words
 * ("DEMO-6101 · Billing: Statement question", "DEMO-5001 · Visit Mar 1", "… Visit Jan 4, 2027").
 * `today` is the clinic's date (`YYYY-MM-DD`), passed in because the engine reads no clock: a date in
 * another year says its year. The patient by the chart number, even where the data keeps a FHIR
 * reference ("Patient/DEMO-5001", kept so before intake took the chart number): one patient reads
 * one way in every list. Null without a subject.
 */
export function requestSubject(
  definition: Definition,
  data: Record<string, unknown>,
  today: string,
): string | null {
  if (!definition.subject) return null;
  const fields = definitionFields(definition);
  const patient = patientReferenceFields(definition);
  return renderSubject(definition.subject, data, (id, value) =>
    patient.has(id) && typeof value === 'string'
      ? chartNumber(value)
      : shownInSubject(fields.get(id), value, today),
  );
}
