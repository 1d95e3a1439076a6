/** A chart number such as DEMO-6101, alone or as its FHIR reference Patient/DEMO-6101. */
const CHART_NUMBER = /^(?:Patient\/)?([A-Za-z]{1,10}-?[0-9]{1,12})$/;

/**
 * The reference a request is filed under: the chart number in its `patient` field (what every bundled
 * workflow's start form asks for), upper-cased and without the FHIR prefix. Only a chart number is
 * given back, never whatever else was typed there (a name, a sentence): a report names the request by
 * it, and a patient's name has no place in one. Null when the request has none.
 */
export function requestReference(data: Record<string, unknown>): string | null {
  const value = data.patient;
  if (typeof value !== 'string') return null;
  const match = CHART_NUMBER.exec(value.trim());
  return match ? match[1]!.toUpperCase() : null;
}
