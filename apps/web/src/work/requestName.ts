import { type Definition, type FormField, requestSubject, subjectFields } from '@portalflow/engine';
import { patternCheck } from '../forms/patternChecks.ts';
import { checkForm, type FormValues, toSubmission } from './form.ts';

/** The name a request will be listed under, and the start-form fields it still leaves out. */
export interface RequestNamePreview {
  /** As the server will name it: the engine's `requestSubject` over the same start data. */
  name: string | null;
  /** Labels of the start-form fields the name shows that are still empty, in the name's order. */
  missing: string[];
}

/**
 * What a request started with `data` (the start form as it will be sent) will be listed as, `today`
 * being the clinic's date. Fields the name shows but only a later step fills in are not asked for
 * here: the front desk cannot answer them.
 */
export function requestNamePreview(
  definition: Definition,
  data: Record<string, unknown>,
  today: string,
): RequestNamePreview {
  const name = requestSubject(definition, data, today);
  const form = new Map<string, FormField>((definition.intake?.form ?? []).map((f) => [f.id, f]));
  const missing: string[] = [];
  for (const id of new Set(subjectFields(definition.subject ?? ''))) {
    const field = form.get(id);
    if (field && isEmpty(data[id])) missing.push(field.label);
  }
  return { name, missing };
}

/**
 * The start form as it will be sent, without the answers it would refuse: a name typed where the chart
 * number belongs is never shown as what the request will be listed as; that field counts as not given.
 */
export function acceptedAnswers(fields: readonly FormField[], values: FormValues): Record<string, unknown> {
  const data = toSubmission(fields, values);
  for (const field of Object.keys(checkForm(fields, values))) delete data[field];
  // Before RE2 has come, an answer with a pattern is not known to be taken: not shown as the name yet.
  for (const field of fields)
    if (field.pattern !== undefined && typeof data[field.id] === 'string')
      if (patternCheck(field.pattern, data[field.id] as string) === undefined) delete data[field.id];
  return data;
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** "Visit type", "Patient reference and Visit type", "A, B and C". */
export function fieldList(labels: readonly string[]): string {
  if (labels.length <= 1) return labels[0] ?? '';
  return `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;
}
