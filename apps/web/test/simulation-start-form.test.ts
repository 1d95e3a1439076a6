import { type FormField, validateIntake } from '@portalflow/engine';
import { beforeAll, describe, expect, it } from 'vitest';
import { practiceAnswers } from '../src/editor/practiceAnswers.ts';
import { answersOfStartData, startDataOf, startDataText } from '../src/editor/simStartData.ts';
import { loadPatternChecks } from '../src/forms/patternChecks.ts';
import { EXAMPLES, example } from './model-support.ts';

const TODAY = '2026-12-07';
const form = (id: string) => example(id).intake?.form ?? [];

/** A practice run starts from the workflow's own start form, answered with practice values a lead can change. */
// The editor's practice run has RE2 with it (forms/patternChecks.ts).
beforeAll(() => loadPatternChecks());

describe('practice answers for a start form', () => {
  it('gives each field its example or first option: the chart number its hint shows, the first choice', () => {
    expect(practiceAnswers(form('appointment-request'), TODAY)).toEqual({
      patient: 'DEMO-5001',
      visitType: 'follow-up',
      requested: 'Follow-up on blood pressure, any weekday morning',
    });
    expect(practiceAnswers(form('lab-result-release'), TODAY)).toEqual({
      patient: 'DEMO-5001',
      test: 'Lipid panel',
    });
  });

  it('a field whose help gives no example says it is practice; a phone takes its hint’s number', () => {
    const refill = practiceAnswers(form('prescription-refill'), TODAY);
    expect(refill.medication).toBe('Practice: Medication');
    expect(refill.callbackPhone).toBe('(555) 201-0142');
    expect(refill.source).toBe('portal');
  });

  it('numbers within their range, dates today, yes-or-no as No', () => {
    const fields: FormField[] = [
      { id: 'age', label: 'Age', type: 'number', min: 18, max: 120, whole: true },
      { id: 'owed', label: 'Balance', type: 'number', money: true, min: 0 },
      { id: 'seen', label: 'Last visit', type: 'date', dateRange: 'past' },
      { id: 'urgent', label: 'Urgent', type: 'boolean' },
    ];
    expect(practiceAnswers(fields, TODAY)).toEqual({ age: 18, owed: 1, seen: TODAY, urgent: false });
  });

  it('leaves empty what no practice value fits (the lead types one)', () => {
    const fields: FormField[] = [
      { id: 'code', label: 'Code', type: 'text', required: true, pattern: '[0-9]{6}' },
      { id: 'kind', label: 'Kind', type: 'select', options: [] },
    ];
    expect(practiceAnswers(fields, TODAY)).toEqual({});
  });

  it.each(EXAMPLES)('%s: the start form takes its practice answers', (id) => {
    const definition = example(id);
    const started = startDataOf(form(id), practiceAnswers(form(id), TODAY), {}, TODAY);
    expect(started.errors).toEqual({});
    expect(validateIntake(definition, started.data, TODAY)).toEqual([]);
  });
});

describe('start data from the start form', () => {
  const fields = form('appointment-request');
  const answers = practiceAnswers(fields, TODAY);

  it('is the answers as a real start sends them, with any extra data the lead wrote beside them', () => {
    const started = startDataOf(fields, { ...answers, patient: '  demo-7002 ' }, { urgent: true }, TODAY);
    expect(started.data).toEqual({
      urgent: true,
      patient: 'demo-7002',
      visitType: 'follow-up',
      requested: 'Follow-up on blood pressure, any weekday morning',
    });
    expect(started.errors).toEqual({});
    expect(started.summary).toBeNull();
  });

  it('names in words what a New request would refuse: a required field left empty, a pattern not met', () => {
    const started = startDataOf(fields, { ...answers, patient: '5001', visitType: undefined }, {}, TODAY);
    expect(started.errors).toEqual({
      patient: 'Patient reference must be a chart number such as DEMO-5001',
      visitType: 'Visit type is required',
    });
    expect(started.summary).toBe('2 fields need attention.');
  });

  it('is written as data for the Advanced box, and read back from it into the fields and the rest', () => {
    const started = startDataOf(fields, answers, { urgent: true }, TODAY);
    const text = startDataText(started.data);
    expect(JSON.parse(text)).toEqual(started.data);
    expect(
      answersOfStartData(fields, { patient: 'DEMO-5002', visitType: 'telehealth', urgent: true }),
    ).toEqual({
      answers: { patient: 'DEMO-5002', visitType: 'telehealth', requested: undefined },
      extra: { urgent: true },
    });
  });

  it('a value of the wrong kind written as data lands in its field as text, to be named there', () => {
    const read = answersOfStartData(fields, { patient: 5001 });
    expect(read.answers.patient).toBe('5001');
    expect(startDataOf(fields, read.answers, read.extra, TODAY).errors.patient).toBe(
      'Patient reference must be a chart number such as DEMO-5001',
    );
  });
});
