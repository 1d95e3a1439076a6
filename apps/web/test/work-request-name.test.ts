import { DefinitionSchema, requestSubject } from '@portalflow/engine';
import { describe, expect, it } from 'vitest';
import { acceptedAnswers, fieldList, requestNamePreview } from '../src/work/requestName.ts';

/**
 * A workflow whose name shows a field the patient wrote (lint warns, yet a published version may
 * still do it) and one a later step fills in.
 */
const definition = DefinitionSchema.parse({
  id: 'after-hours',
  title: 'After hours',
  roles: [{ id: 'nurse', name: 'Nurse' }],
  start: 'call',
  intake: {
    roles: ['nurse'],
    form: [
      { id: 'patient', label: 'Patient reference', type: 'text', required: true },
      { id: 'problem', label: 'Problem', type: 'select', options: ['chest-pain', 'fever'] },
      { id: 'said', label: 'What the patient said', type: 'text', from: 'patient' },
      { id: 'visit', label: 'Visit date', type: 'date' },
    ],
  },
  subject: '{patient} · After hours: {problem} · {said} {visit} {outcome}',
  steps: {
    call: {
      type: 'task',
      title: 'Call back',
      role: 'nurse',
      form: [{ id: 'outcome', label: 'Outcome', type: 'text' }],
      outcomes: { done: 'end' },
    },
    end: { type: 'end' },
  },
});

describe('the name a new request will be listed as', () => {
  it('is the name the server gives it, the patient’s words shown as the server shows them', () => {
    const data = {
      patient: 'https://ehr.example.org/fhir/Patient/DEMO-8004',
      problem: 'chest-pain',
      said: 'it hurts',
      visit: '2027-01-04',
    };
    const preview = requestNamePreview(definition, data, '2026-12-06');
    expect(preview.name).toBe(requestSubject(definition, data, '2026-12-06'));
    expect(preview.name).toBe('DEMO-8004 · After hours: Chest pain · it hurts Jan 4, 2027');
    expect(preview.missing).toEqual([]);
  });

  it('names the empty start-form fields it shows, not those a later step fills in', () => {
    const preview = requestNamePreview(definition, { patient: 'DEMO-8004', said: ' ' }, '2026-12-06');
    expect(preview.name).toBe('DEMO-8004 · After hours');
    expect(preview.missing).toEqual(['Problem', 'What the patient said', 'Visit date']);
    expect(requestNamePreview(definition, {}, '2026-12-06').missing[0]).toBe('Patient reference');
  });

  it('none for a workflow without a name', () => {
    const { subject, ...unnamed } = definition;
    expect(requestNamePreview(unnamed, { patient: 'DEMO-8004' }, '2026-12-06')).toEqual({
      name: null,
      missing: [],
    });
  });

  it('leaves out an answer the form refuses: a patient’s name where the chart number belongs is never shown', () => {
    const fields = [
      {
        id: 'patient',
        label: 'Patient reference',
        type: 'text' as const,
        required: true,
        pattern: '[A-Z]+-[0-9]+',
      },
      { id: 'problem', label: 'Problem', type: 'select' as const, options: ['chest-pain', 'fever'] },
    ];
    const data = acceptedAnswers(fields, { patient: 'Maria Lopez', problem: 'fever' });
    expect(data).toEqual({ problem: 'fever' });
    const preview = requestNamePreview(definition, data, '2026-12-06');
    expect(preview.name).toBe('After hours: Fever');
    expect(preview.missing[0]).toBe('Patient reference');
  });

  it('lists fields as people say them', () => {
    expect(fieldList(['Visit type'])).toBe('Visit type');
    expect(fieldList(['Patient reference', 'Visit type'])).toBe('Patient reference and Visit type');
    expect(fieldList(['A', 'B', 'C'])).toBe('A, B and C');
  });
});
