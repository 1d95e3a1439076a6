import { idToWords } from './text/words.ts';

/** A FHIR CodeableConcept as a message carries it: codings (code, display) and a text. */
interface Concept {
  coding?: unknown;
  text?: unknown;
}

// Any object is read as one: a concept carrying only an extension names nothing, and must not refuse the message.
const isConcept = (value: unknown): value is Concept =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** What a concept says of itself, in order: each coding's code and display, then its text. */
function namesOf(concept: Concept): string[] {
  const names: string[] = [];
  for (const coding of Array.isArray(concept.coding) ? concept.coding : []) {
    if (typeof coding !== 'object' || coding === null) continue;
    const { code, display } = coding as { code?: unknown; display?: unknown };
    for (const name of [code, display]) if (typeof name === 'string') names.push(name);
  }
  if (typeof concept.text === 'string') names.push(concept.text);
  return names;
}

/**
 * The choice a FHIR CodeableConcept — or a list of them, as `Communication.category` is — names among
 * a select field's options: the first option whose id or words ("test-results", "Test results") a
 * coding's code or display, or the concept's text, spells, without case. Other systems code the same
 * category their own way, so code and display are both read. `null` when the concepts name none of
 * them (the field is then left empty, not refused); `undefined` when the value is no object (a code
 * read by a pointer such as `/category/0/coding/0/code` is checked against the options as it is).
 */
export function optionNamedBy(options: readonly string[], value: unknown): string | null | undefined {
  const concepts = Array.isArray(value) ? value : [value];
  if (concepts.length === 0 || !concepts.every(isConcept)) return undefined;
  const byName = new Map<string, string>();
  for (const option of options) {
    for (const name of [option, idToWords(option)]) {
      const key = name.trim().toLocaleLowerCase();
      if (!byName.has(key)) byName.set(key, option);
    }
  }
  for (const concept of concepts)
    for (const name of namesOf(concept)) {
      const option = byName.get(name.trim().toLocaleLowerCase());
      if (option !== undefined) return option;
    }
  return null;
}
