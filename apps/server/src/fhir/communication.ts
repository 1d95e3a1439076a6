import type { Coding, Communication } from 'fhir/r4.js';
import { FhirError } from './outcome.ts';

/**
 * The R4 rules an incoming Communication is checked against — those this server relies on, each
 * refused with an OperationOutcome whose expression names the element:
 * - JSON: an object of `resourceType` `Communication`; no `null`, empty string, empty array or empty
 *   object anywhere (ele-1: every element has a value or children); an `id`, if sent, is a FHIR id.
 * - `status` (1..1) is one of the EventStatus codes; `priority` (0..1) one of RequestPriority.
 * - `category` (0..*) CodeableConcepts whose codings have string `system` and `code`.
 * - `subject` (0..1) references a Patient or Group; `sender` (0..1) one of the types R4 allows.
 * - each `payload` (0..*) has exactly one `content[x]`: `contentString`, `contentAttachment` or
 *   `contentReference`.
 * - `identifier` (0..*) entries have string `system` and `value` when given.
 */

const STATUS = [
  'preparation',
  'in-progress',
  'not-done',
  'on-hold',
  'stopped',
  'completed',
  'entered-in-error',
  'unknown',
];
const PRIORITY = ['routine', 'urgent', 'asap', 'stat'];
const SENDERS = [
  'Device',
  'Organization',
  'Patient',
  'Practitioner',
  'PractitionerRole',
  'RelatedPerson',
  'HealthcareService',
];
const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The first empty element (ele-1), as a FHIRPath-like location, or null. */
function emptyElement(value: unknown, path: string): string | null {
  if (value === null || value === '') return path;
  if (Array.isArray(value)) {
    if (value.length === 0) return path;
    for (let i = 0; i < value.length; i++) {
      const found = emptyElement(value[i], `${path}[${i}]`);
      if (found) return found;
    }
  } else if (isObject(value)) {
    const keys = Object.keys(value);
    if (keys.length === 0) return path;
    for (const key of keys) {
      const found = emptyElement(value[key], `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}

const invalid = (code: 'structure' | 'required' | 'value' | 'code-invalid', message: string, at: string) =>
  new FhirError(400, code, message, at);

function checkReference(value: unknown, at: string, types: readonly string[]): void {
  if (!isObject(value)) throw invalid('structure', `${at} must be a Reference`, at);
  const reference = value.reference;
  if (reference === undefined) return;
  if (typeof reference !== 'string')
    throw invalid('structure', `${at}.reference must be a string`, `${at}.reference`);
  // A relative reference names its type; an absolute URL or a contained one (#id) is taken as it is.
  const relative = /^([A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(\/_history\/[A-Za-z0-9\-.]{1,64})?$/.exec(reference);
  if (relative && !types.includes(relative[1]!))
    throw invalid('value', `${at} may reference ${types.join(', ')}, not ${relative[1]}`, `${at}.reference`);
  if (!relative && !/^(https?:\/\/\S+|urn:\S+|#\S+)$/.test(reference))
    throw invalid('value', `${at}.reference is not a FHIR reference`, `${at}.reference`);
}

function checkCoding(value: unknown, at: string): void {
  if (!isObject(value)) throw invalid('structure', `${at} must be a Coding`, at);
  for (const key of ['system', 'code', 'display', 'version'] as const)
    if (value[key] !== undefined && typeof value[key] !== 'string')
      throw invalid('structure', `${at}.${key} must be a string`, `${at}.${key}`);
}

/** The resource, checked; a FhirError (400) naming the first element that breaks a rule. */
export function parseCommunication(value: unknown): Communication {
  if (!isObject(value))
    throw invalid('structure', 'The body must be a FHIR resource (a JSON object)', 'Communication');
  if (value.resourceType !== 'Communication')
    throw invalid(
      'value',
      'resourceType must be Communication on this endpoint',
      'Communication.resourceType',
    );
  const empty = emptyElement(value, 'Communication');
  if (empty)
    throw invalid('structure', `${empty} is empty: FHIR elements have a value or children (ele-1)`, empty);
  if (value.id !== undefined && (typeof value.id !== 'string' || !FHIR_ID.test(value.id)))
    throw invalid('value', 'id must be 1–64 letters, digits, "-" or "."', 'Communication.id');
  if (value.status === undefined) throw invalid('required', 'status is required', 'Communication.status');
  if (typeof value.status !== 'string' || !STATUS.includes(value.status))
    throw invalid('code-invalid', `status must be one of ${STATUS.join(', ')}`, 'Communication.status');
  if (
    value.priority !== undefined &&
    (typeof value.priority !== 'string' || !PRIORITY.includes(value.priority))
  )
    throw invalid('code-invalid', `priority must be one of ${PRIORITY.join(', ')}`, 'Communication.priority');
  for (const name of ['category', 'payload', 'identifier', 'recipient'] as const)
    if (value[name] !== undefined && !Array.isArray(value[name]))
      throw invalid('structure', `${name} must be an array`, `Communication.${name}`);
  (value.category as unknown[] | undefined)?.forEach((concept, i) => {
    const at = `Communication.category[${i}]`;
    if (!isObject(concept)) throw invalid('structure', `${at} must be a CodeableConcept`, at);
    if (concept.coding !== undefined && !Array.isArray(concept.coding))
      throw invalid('structure', `${at}.coding must be an array`, `${at}.coding`);
    (concept.coding as unknown[] | undefined)?.forEach((coding, j) => {
      checkCoding(coding, `${at}.coding[${j}]`);
    });
  });
  (value.identifier as unknown[] | undefined)?.forEach((identifier, i) => {
    const at = `Communication.identifier[${i}]`;
    if (!isObject(identifier)) throw invalid('structure', `${at} must be an Identifier`, at);
    for (const key of ['system', 'value'] as const)
      if (identifier[key] !== undefined && typeof identifier[key] !== 'string')
        throw invalid('structure', `${at}.${key} must be a string`, `${at}.${key}`);
  });
  if (value.subject !== undefined)
    checkReference(value.subject, 'Communication.subject', ['Patient', 'Group']);
  if (value.sender !== undefined) checkReference(value.sender, 'Communication.sender', SENDERS);
  (value.payload as unknown[] | undefined)?.forEach((payload, i) => {
    const at = `Communication.payload[${i}]`;
    if (!isObject(payload)) throw invalid('structure', `${at} must be a payload element`, at);
    const contents = ['contentString', 'contentAttachment', 'contentReference'].filter(
      (k) => payload[k] !== undefined,
    );
    if (contents.length !== 1)
      throw invalid(
        contents.length === 0 ? 'required' : 'structure',
        `${at} needs exactly one of contentString, contentAttachment, contentReference`,
        `${at}.content[x]`,
      );
    if (payload.contentString !== undefined && typeof payload.contentString !== 'string')
      throw invalid('structure', `${at}.contentString must be a string`, `${at}.contentString`);
    for (const key of ['contentAttachment', 'contentReference'])
      if (payload[key] !== undefined && !isObject(payload[key]))
        throw invalid('structure', `${at}.${key} must be an object`, `${at}.${key}`);
  });
  return value as unknown as Communication;
}

/** Whether one of the Communication's category codings is `wanted` (any system when it names none). */
export function hasCategory(
  communication: Communication,
  wanted: { system?: string; code: string },
): boolean {
  return (communication.category ?? []).some((concept) =>
    (concept.coding ?? []).some(
      (coding: Coding) =>
        coding.code === wanted.code && (wanted.system === undefined || coding.system === wanted.system),
    ),
  );
}

/** A delivery id from the Communication's first identifier (system|value), for retries without webhook-id. */
export function identifierKey(communication: Communication): string | null {
  const first = communication.identifier?.[0];
  if (!first?.value) return null;
  return `${first.system ?? ''}|${first.value}`;
}
