import { describe, expect, it } from 'vitest';
import { DefinitionSchema } from '../src/definition.ts';
import { validateIntake } from '../src/intake.ts';
import { mapIntake } from '../src/intake-mapping.ts';
import {
  chartNumber,
  chartNumbersIn,
  patientReferenceFields,
  withChartNumbers,
} from '../src/patient-reference.ts';
import { requestSubject } from '../src/subject.ts';

/** A portal message as the EHR sends it: the patient as Communication.subject, the writer as its sender. */
const triage = DefinitionSchema.parse({
  id: 'triage',
  title: 'Portal message',
  roles: [{ id: 'ma', name: 'Medical assistant' }],
  start: 'sort',
  intake: {
    roles: ['ma'],
    form: [
      { id: 'patient', label: 'Patient reference', type: 'text', required: true },
      { id: 'sender', label: 'Sent by', type: 'text' },
      { id: 'category', label: 'Category', type: 'select', options: ['test-results', 'billing'] },
      { id: 'message', label: 'Message', type: 'textarea' },
    ],
    fhir: {
      category: { code: 'portal-message' },
      fields: {
        patient: '/subject/reference',
        sender: '/sender/reference',
        category: '/category',
        message: '/payload/0/contentString',
      },
    },
  },
  subject: '{patient} · Message: {category}',
  steps: {
    sort: { type: 'task', title: 'Sort', role: 'ma', outcomes: { done: 'end' } },
    end: { type: 'end' },
  },
});

describe('chartNumber', () => {
  it('reads the chart number out of a FHIR Patient reference', () => {
    expect(chartNumber('Patient/DEMO-5001')).toBe('DEMO-5001');
    expect(chartNumber(' patient/demo-5001 ')).toBe('DEMO-5001');
    expect(chartNumber('Patient/DEMO-5001/_history/3')).toBe('DEMO-5001');
  });

  it('reads it out of an absolute reference too: a clinic has one EHR, so its address adds nothing', () => {
    expect(chartNumber('https://ehr.example.org/fhir/Patient/DEMO-5001')).toBe('DEMO-5001');
    expect(chartNumber('https://ehr.example.org/fhir/Patient/DEMO-5001/_history/2')).toBe('DEMO-5001');
    expect(chartNumber(' http://ehr.local:8080/Patient/DEMO-5001 ')).toBe('DEMO-5001');
    expect(chartNumber('https://ehr.example.org/fhir/r4/patient/demo-5001')).toBe('DEMO-5001');
  });

  it('writes a chart number as the clinic does, in capitals, however it was typed', () => {
    expect(chartNumber('demo-5001')).toBe('DEMO-5001');
    expect(chartNumber('Demo-5001')).toBe('DEMO-5001');
    expect(chartNumber(' demo-5001 ')).toBe('DEMO-5001');
    expect(chartNumber('DEMO-5001')).toBe('DEMO-5001');
    expect(chartNumber('https://ehr.example/fhir/Patient/demo-5001/_history/2')).toBe('DEMO-5001');
  });

  it('leaves anything else as it is: a chart number, another resource, a URL, a sentence', () => {
    expect(chartNumber('DEMO-5001')).toBe('DEMO-5001');
    expect(chartNumber('Group/clinic-a')).toBe('Group/clinic-a');
    expect(chartNumber('RelatedPerson/DEMO-5001-mother')).toBe('RelatedPerson/DEMO-5001-mother');
    // An address whose path does not end in Patient/<id>[/_history/<n>] is not a patient's.
    for (const kept of [
      'https://ehr.example.org/fhir/RelatedPerson/DEMO-5001-mother',
      'https://ehr.example.org/fhir/Patient/DEMO-5001/$everything',
      'https://ehr.example.org/fhir/Patient/DEMO-5001?_format=json',
      'https://ehr.example.org/fhir/Patient',
      'https://ehr.example.org/fhir/Patient/DEMO-5001/_history',
      'https://ehr.example.org/fhir/Group/a/Patient/DEMO-5001/extra',
      'ftp://ehr.example.org/Patient/DEMO-5001',
      'urn:uuid:Patient/DEMO-5001',
      'see https://ehr.example.org/fhir/Patient/DEMO-5001',
    ])
      expect(chartNumber(kept)).toBe(kept);
    expect(chartNumber('Patient/ is DEMO-5001')).toBe('Patient/ is DEMO-5001');
    expect(chartNumber('Patient/')).toBe('Patient/');
  });
});

describe('patient reference fields', () => {
  it('are the field the subject names first and the one read from Communication.subject', () => {
    expect([...patientReferenceFields(triage)]).toEqual(['patient']);
    const { subject, ...unnamed } = triage;
    expect([...patientReferenceFields(unnamed)]).toEqual(['patient']);
    expect([
      ...patientReferenceFields({ ...unnamed, intake: { ...triage.intake!, fhir: undefined } }),
    ]).toEqual([]);
  });

  it('hold the chart number; every other field keeps what it was given', () => {
    const data = {
      patient: 'Patient/DEMO-5001',
      sender: 'Patient/DEMO-5001',
      message: 'About Patient/DEMO-5001',
      category: 'test-results',
    };
    expect(withChartNumbers(triage, data)).toEqual({ ...data, patient: 'DEMO-5001' });
    expect(data.patient).toBe('Patient/DEMO-5001'); // the given data is not changed
    expect(withChartNumbers(triage, { patient: 5001 })).toEqual({ patient: 5001 });
    expect(withChartNumbers(triage, {})).toEqual({});
  });

  it('typed in lower case or pasted as the EHR address, the patient is kept under one chart number', () => {
    for (const typed of ['demo-5001', 'https://ehr.example/fhir/Patient/demo-5001/_history/2', 'DEMO-5001'])
      expect(withChartNumbers(triage, { patient: typed, sender: 'Patient/demo-5001' })).toEqual({
        patient: 'DEMO-5001',
        sender: 'Patient/demo-5001',
      });
  });

  it('a start form whose chart-number pattern takes no address takes the pasted address as its chart number', () => {
    const [patient, ...rest] = triage.intake!.form!;
    const form = [{ ...patient!, pattern: '[A-Za-z]{2,10}-[0-9]{1,10}' }, ...rest];
    const strict = { ...triage, intake: { ...triage.intake!, form } };
    const pasted = 'https://ehr.example/fhir/Patient/DEMO-5001/_history/2';
    expect(validateIntake(strict, { patient: pasted })).toEqual([]);
    expect(validateIntake(strict, { patient: 'Patient/demo-5001' })).toEqual([]);
    expect(validateIntake(strict, { patient: 'https://ehr.example/fhir/Group/a' })).toHaveLength(1);
  });

  it('a form that knows only its fields (New request) turns them the same way', () => {
    const values = { patient: ' https://ehr.example/fhir/Patient/demo-5001 ', message: 'demo-5001' };
    expect(chartNumbersIn(['patient'], values)).toEqual({ patient: 'DEMO-5001', message: 'demo-5001' });
    expect(chartNumbersIn(['patient'], { patient: 5001 })).toEqual({ patient: 5001 });
  });

  it('a Communication naming its patient by an absolute address starts with the chart number, its sender as sent', () => {
    const mapped = mapIntake(triage, 'fhir', {
      subject: { reference: 'https://ehr.example.org/fhir/Patient/DEMO-5001/_history/2' },
      sender: { reference: 'https://ehr.example.org/fhir/Patient/DEMO-5001' },
    });
    expect(mapped).toEqual({
      ok: true,
      data: { patient: 'DEMO-5001', sender: 'https://ehr.example.org/fhir/Patient/DEMO-5001' },
    });
  });

  it('a Communication from the EHR starts with the chart number, its sender as sent', () => {
    const mapped = mapIntake(triage, 'fhir', {
      subject: { reference: 'Patient/DEMO-5001' },
      sender: { reference: 'Patient/DEMO-5001' },
      category: [{ coding: [{ code: 'test-results' }] }],
    });
    expect(mapped).toEqual({
      ok: true,
      data: { patient: 'DEMO-5001', sender: 'Patient/DEMO-5001', category: 'test-results' },
    });
  });

  it('a request kept with the FHIR reference reads by its chart number, as every other does', () => {
    const kept = { patient: 'Patient/DEMO-5001', category: 'test-results' };
    expect(requestSubject(triage, kept, '2026-03-02')).toBe('DEMO-5001 · Message: Test results');
  });
});
