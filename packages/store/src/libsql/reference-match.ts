import { chartNumber } from '@portalflow/engine';

/**
 * How a typed patient reference meets a request's data. The same reference comes read out over the
 * phone or copied off a chart as "DEMO 6201", "demo6201" or "#DEMO-6201": case, spaces, dashes and
 * "#" do not tell two references apart, so both sides are compared without them. Nor does the FHIR
 * spelling "Patient/DEMO-6201", typed or kept (requests from the EHR kept it before intake took the
 * chart number), nor its full EHR address as staff copy it off the chart. Anything else still counts: "2.5 mg" is not "25 mg", and "DEMO_4007" is another
 * reference than "DEMO-4007".
 */
const IGNORED = [' ', '\t', '\u00a0', '-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '#'];
const IGNORED_RE = new RegExp(
  `[${IGNORED.map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}]`,
  'g',
);

const FHIR_PATIENT = /^patient\//i;

/**
 * The typed value as the chart number it names (the engine's reading of a FHIR reference or address),
 * without what the match ignores (and a FHIR "Patient/" the engine does not read, "Patient/DEMO 6201");
 * empty when nothing is left to find.
 */
export function referenceKey(typed: string): string {
  return chartNumber(typed).replace(IGNORED_RE, '').replace(FHIR_PATIENT, '');
}

/** The same stripping of an SQL text expression (the stored value), for `lower(...) = lower(?)`. */
export function sqlReferenceKey(expr: string): string {
  return IGNORED.reduce((e, c) => `replace(${e}, char(${c.charCodeAt(0)}), '')`, expr);
}

/** The keys a stored value of the reference may have: as it is, or kept as its FHIR reference. */
export function storedKeys(key: string): [string, string] {
  return [key, `Patient/${key}`];
}

/**
 * A LIKE pattern every stored form of the reference contains, for a first cut before any data is
 * parsed: the typed value's runs of letters and of digits, in order ("DEMO 6201" and "demo6201" →
 * `%demo%6201%`). It assumes a stored reference is not split inside such a run ("DEMO-62 01"), which
 * chart references are not. Null when the value is not plain printable ASCII (or holds a quote or
 * backslash, which JSON escapes), so the exact match alone decides.
 */
export function referenceLike(typed: string): string | null {
  const key = referenceKey(typed);
  if (key === '' || !/^[\x20-\x7e]*$/.test(key) || /["\\]/.test(key)) return null;
  const runs = key.match(/[A-Za-z]+|[0-9]+|[^A-Za-z0-9]+/g) ?? [];
  return `%${runs.join('%')}%`;
}
