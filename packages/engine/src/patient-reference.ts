import type { Definition } from './definition.ts';
import { subjectFields } from './subject-template.ts';

/**
 * A FHIR Patient reference as another system sends it ("Patient/DEMO-5001", maybe with its version,
 * "…/_history/3"), relative or absolute ("https://ehr.example.org/fhir/Patient/DEMO-5001", as FHIR R4
 * allows): a clinic has one EHR, so its address tells no two patients apart. The id is the chart number
 * staff know the patient by. Any case of "Patient" is taken, as people type it; an address whose path
 * goes on after the id (an operation, a query) is not a patient's reference.
 */
const FHIR_PATIENT =
  /^\s*(?:https?:\/\/[^\s/?#]+\/(?:[^\s?#]*\/)?)?Patient\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[A-Za-z0-9\-.]{1,64})?\s*$/i;

/** What a chart number is made of: a FHIR id's letters, digits, dashes and dots. */
const CHART_NUMBER = /^[A-Za-z0-9\-.]{1,64}$/;

/**
 * The chart number of a patient reference as the clinic writes it: "Patient/DEMO-5001",
 * "https://ehr.example.org/fhir/Patient/DEMO-5001" and "demo-5001" → "DEMO-5001"; anything else as it
 * is. In capitals because that is how clinics write chart numbers (every example's hint: "DEMO-5001")
 * while their format takes either case ([A-Za-z]): letter case never tells two patients apart, so
 * "demo-5001" typed on a call is the patient of DEMO-5001, and is kept, looked up and named as that.
 * One rule here for the server that keeps it and the forms that show it before it is sent.
 */
export function chartNumber(reference: string): string {
  const id = FHIR_PATIENT.exec(reference)?.[1] ?? reference.trim();
  return CHART_NUMBER.test(id) ? id.toUpperCase() : reference;
}

/**
 * The fields that say whose request it is: the one the workflow's subject names first (unless its start
 * form asks it as a date, a choice or a number, which hold no reference), and any its FHIR intake reads
 * from `Communication.subject` (the patient, by FHIR's definition). Other fields holding a reference
 * (who sent a message: the patient or a parent) keep it as they were given.
 */
export function patientReferenceFields(definition: Definition): Set<string> {
  const fields = new Set<string>();
  const first = definition.subject === undefined ? undefined : subjectFields(definition.subject)[0];
  const asked = definition.intake?.form?.find((f) => f.id === first);
  if (first !== undefined && (asked === undefined || asked.type === 'text')) fields.add(first);
  for (const [field, pointer] of Object.entries(definition.intake?.fhir?.fields ?? {}))
    if (pointer === '/subject/reference') fields.add(field);
  return fields;
}

/**
 * Start data with each patient reference as its chart number, so one patient is kept under one
 * reference whether the EHR sent "Patient/DEMO-5001" or the front desk typed "demo-5001": lookups,
 * the "already open" check and subjects then agree. A new object; every other field as given.
 */
export function withChartNumbers(
  definition: Definition,
  data: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  return chartNumbersIn(patientReferenceFields(definition), data);
}

/** `data` with the text of each of `fields` as its chart number (a form that knows only which fields hold the patient). */
export function chartNumbersIn(
  fields: Iterable<string>,
  data: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const out = { ...data };
  for (const field of fields) {
    const value = out[field];
    if (typeof value === 'string') out[field] = chartNumber(value);
  }
  return out;
}
