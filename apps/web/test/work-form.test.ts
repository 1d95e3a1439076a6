import type { FormField } from '@portalflow/engine';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPatternChecks } from '../src/forms/patternChecks.ts';
import {
  attentionSummary,
  checkForm,
  initialValues,
  localToday,
  normalize,
  recheck,
  toSubmission,
} from '../src/work/form.ts';

const fields: FormField[] = [
  { id: 'topic', label: 'Topic', type: 'select', required: true, options: ['refill', 'billing'] },
  { id: 'redFlags', label: 'Mentions red-flag symptoms', type: 'boolean', required: true },
  { id: 'months', label: 'Months since last visit', type: 'number' },
  { id: 'seen', label: 'Last visit date', type: 'date' },
  { id: 'notes', label: 'Call notes', type: 'textarea' },
];

// A form with a pattern on screen has fetched RE2 (forms/patternChecks.ts; pattern-checks-lazy.test.ts).
beforeAll(() => loadPatternChecks());

describe('the outcome form', () => {
  it('starts from instance data that fits each field', () => {
    expect(initialValues(fields, { topic: 'refill', redFlags: 'yes', months: 4, patient: 'DEMO-1' })).toEqual(
      {
        topic: 'refill',
        months: 4,
      },
    );
    expect(initialValues(fields, { topic: 'not-an-option' })).toEqual({});
  });

  it('sends only filled fields, with numbers and yes/no as the engine expects', () => {
    expect(
      toSubmission(fields, { topic: 'billing', redFlags: false, months: '12', notes: '  ', extra: 1 }),
    ).toEqual({
      topic: 'billing',
      redFlags: false,
      months: 12,
    });
    expect(normalize(fields[1]!, 'yes')).toBe(true);
    expect(normalize(fields[2]!, '1,200')).toBe(1200);
    expect(normalize(fields[2]!, 'abc')).toBe('abc');
  });

  it('reads an amount of money as typed, and refuses a comma it would have to guess at', () => {
    const balance: FormField = {
      id: 'balance',
      label: 'Patient balance ($)',
      type: 'number',
      money: true,
      min: 0,
    };
    expect(normalize(balance, '1,250.40')).toBe(1250.4);
    expect(normalize(balance, '$1,250.40')).toBe(1250.4);
    expect(toSubmission([balance], { balance: '$1,250.40' })).toEqual({ balance: 1250.4 });
    // "12,50" is twelve dollars fifty in much of the world: never 1250, never 12.5 by a guess.
    expect(normalize(balance, '12,50')).toBe('12,50');
    expect(checkForm([balance], { balance: '12,50' })).toEqual({
      balance:
        'Patient balance ($) has a comma out of place: commas only group thousands, and cents go after a point, as in 1,250.40',
    });
    expect(checkForm([balance], { balance: '1.2504' })).toEqual({
      balance: 'Patient balance ($) must be in dollars and cents, such as 1,250.40',
    });
    expect(checkForm([balance], { balance: '-75' })).toEqual({
      balance: 'Patient balance ($) must be at least $0.00',
    });
    expect(checkForm([balance], { balance: '$1,250.40' })).toEqual({});
    // A plain number keeps the same rule for commas.
    expect(normalize(fields[2]!, '12,5')).toBe('12,5');
    expect(checkForm([fields[2]!], { months: '12,5' })).toEqual({
      months: 'Months since last visit has a comma out of place: commas only group thousands, as in 1,250',
    });
  });

  it('checks required fields and types with the engine’s validateForm', () => {
    expect(checkForm(fields, {})).toEqual({
      topic: 'Topic is required',
      redFlags: 'Mentions red-flag symptoms is required',
    });
    const errors = checkForm(fields, { topic: 'refill', redFlags: true, months: 'abc', seen: '25/11/2026' });
    expect(errors.months).toBe('Months since last visit must be a number');
    expect(errors.seen).toBe('Last visit date must be a date (YYYY-MM-DD)');
    expect(checkForm(fields, { topic: 'refill', redFlags: false })).toEqual({});
  });

  it('checks a field required only for some outcomes when finishing with one of them', () => {
    const decline: FormField[] = [
      { id: 'visitType', label: 'Visit type', type: 'text', required: true },
      { id: 'declineReason', label: 'Reason for declining', type: 'textarea', requiredFor: ['decline'] },
    ];
    expect(checkForm(decline, { visitType: 'new' }, 'confirm')).toEqual({});
    expect(checkForm(decline, { visitType: 'new' }, 'decline')).toEqual({
      declineReason: 'Reason for declining is required to finish as “Decline”',
    });
    expect(checkForm(decline, { visitType: 'new', declineReason: 'No slots' }, 'decline')).toEqual({});
    // Without an outcome (a start form), only `required` counts.
    expect(checkForm(decline, {})).toEqual({ visitType: 'Visit type is required' });
  });

  it('checks a pattern and a range as the server will, and trims a one-line answer first', () => {
    const checked: FormField[] = [
      {
        id: 'patient',
        label: 'Patient reference',
        type: 'text',
        required: true,
        pattern: '[A-Za-z]{2,10}-[0-9]{1,10}',
        patternHint: 'a chart number such as DEMO-5001',
      },
      { id: 'days', label: 'Days supply', type: 'number', min: 1, max: 90 },
    ];
    expect(checkForm(checked, { patient: 'Maria Lopez', days: '120' })).toEqual({
      patient: 'Patient reference must be a chart number such as DEMO-5001',
      days: 'Days supply must be at most 90',
    });
    // A space copied along with a chart number is not a different answer.
    expect(checkForm(checked, { patient: ' DEMO-5001 ', days: 30 })).toEqual({});
    expect(toSubmission(checked, { patient: ' DEMO-5001 ' })).toEqual({ patient: 'DEMO-5001' });
  });

  it('checks a date range against today', () => {
    const seen: FormField[] = [{ id: 'seen', label: 'Last visit', type: 'date', dateRange: 'past' }];
    expect(checkForm(seen, { seen: '2026-03-03' }, undefined, '2026-03-02')).toEqual({
      seen: 'Last visit cannot be after today',
    });
    expect(checkForm(seen, { seen: '2026-03-02' }, undefined, '2026-03-02')).toEqual({});
    expect(localToday(new Date(2026, 2, 2, 23, 59))).toBe('2026-03-02');
  });

  it('says how many fields need attention, before which outcome, and nothing once none do', () => {
    expect(attentionSummary({ patient: 'x', phone: 'y' })).toBe('2 fields need attention.');
    expect(attentionSummary({ flag: 'x' }, 'verified')).toBe('1 field needs attention before “Verified”.');
    expect(attentionSummary({})).toBeNull();
    expect(attentionSummary({}, 'verified')).toBeNull();
  });

  it('once a form was sent, checks it again as fields are corrected: the summary shrinks, then goes', () => {
    const start: FormField[] = [
      {
        id: 'patient',
        label: 'Patient reference',
        type: 'text',
        required: true,
        pattern: '[A-Za-z]{2,10}-[0-9]{1,10}',
        patternHint: 'a chart number such as DEMO-5001',
      },
      { id: 'medication', label: 'Medication', type: 'text', required: true },
    ];
    expect(recheck(start, { patient: 'Maria Lopez' })).toEqual({
      errors: {
        patient: 'Patient reference must be a chart number such as DEMO-5001',
        medication: 'Medication is required',
      },
      summary: '2 fields need attention.',
    });
    expect(recheck(start, { patient: ' DEMO-5410 ' })).toEqual({
      errors: { medication: 'Medication is required' },
      summary: '1 field needs attention.',
    });
    expect(recheck(start, { patient: 'DEMO-5410', medication: 'atorvastatin' })).toEqual({
      errors: {},
      summary: null,
    });
    // A step's form is checked against the outcome that was tried.
    const decline: FormField[] = [
      { id: 'declineReason', label: 'Reason for declining', type: 'textarea', requiredFor: ['decline'] },
    ];
    expect(recheck(decline, {}, 'decline').summary).toBe('1 field needs attention before “Decline”.');
    expect(recheck(decline, { declineReason: 'No slots' }, 'decline')).toEqual({ errors: {}, summary: null });
  });
});
