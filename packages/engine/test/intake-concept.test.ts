import { describe, expect, it } from 'vitest';
import { optionNamedBy } from '../src/intake-concept.ts';

/** The portal categories of the message workflow, as its start form lists them. */
const CATEGORIES = ['medical-question', 'test-results', 'forms-and-records', 'other'];
const KIND = { system: 'https://clinic.example/fhir/CodeSystem/communication-kind', code: 'portal-message' };

describe('the choice a FHIR CodeableConcept names', () => {
  it('is the option its code, its display or its text spells, without case', () => {
    expect(optionNamedBy(CATEGORIES, [{ coding: [KIND] }, { coding: [{ code: 'TEST-RESULTS' }] }])).toBe(
      'test-results',
    );
    expect(optionNamedBy(CATEGORIES, { coding: [{ code: 'x9', display: 'Forms and Records' }] })).toBe(
      'forms-and-records',
    );
    expect(optionNamedBy(CATEGORIES, [{ text: ' medical question ' }])).toBe('medical-question');
  });

  it('is the first one named, in the order the message lists them', () => {
    expect(optionNamedBy(CATEGORIES, [{ text: 'Other' }, { coding: [{ code: 'test-results' }] }])).toBe(
      'other',
    );
  });

  it('is none (null) for a code the workflow does not list, or a concept that names nothing', () => {
    expect(optionNamedBy(CATEGORIES, [{ coding: [KIND] }, { coding: [{ code: 'lab-stuff' }] }])).toBeNull();
    expect(
      optionNamedBy(CATEGORIES, [{ extension: [{ url: 'urn:x', valueString: 'test-results' }] }]),
    ).toBeNull();
  });

  it('leaves a value that is no concept to be checked as it is', () => {
    expect(optionNamedBy(CATEGORIES, 'test-results')).toBeUndefined();
    expect(optionNamedBy(CATEGORIES, undefined)).toBeUndefined();
    expect(optionNamedBy(CATEGORIES, [])).toBeUndefined();
  });
});
