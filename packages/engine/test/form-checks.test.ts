import { describe, expect, it } from 'vitest';
import type { Definition, FormField } from '../src/definition.ts';
import { compilePattern } from '../src/field-pattern.ts';
import { validateForm } from '../src/form.ts';
import { validateIntake } from '../src/intake.ts';
import { triage } from './support/definitions.ts';

const chart: FormField = {
  id: 'patient',
  label: 'Patient reference',
  type: 'text',
  required: true,
  pattern: '[A-Za-z]{2,10}-[0-9]{1,10}',
  patternHint: 'a chart number such as DEMO-5001',
};

describe('a text field with a pattern', () => {
  it('takes an answer that matches as a whole, and says what is expected of one that does not', () => {
    expect(validateForm([chart], { patient: 'DEMO-5001' })).toEqual([]);
    expect(validateForm([chart], { patient: 'demo-5001' })).toEqual([]);
    for (const wrong of ['Maria Lopez', 'DEMO-5001 Maria', 'x DEMO-5001', 'DEMO5001']) {
      expect(validateForm([chart], { patient: wrong }), wrong).toEqual([
        { field: 'patient', message: 'Patient reference must be a chart number such as DEMO-5001' },
      ]);
    }
  });

  it('without a hint, still refuses, in general words', () => {
    const { patternHint: _, ...bare } = chart;
    expect(validateForm([bare], { patient: 'Maria Lopez' })).toEqual([
      { field: 'patient', message: 'Patient reference is not in the form this workflow expects' },
    ]);
  });

  it('applies to long text too, and leaves an empty optional answer alone', () => {
    const code: FormField = { id: 'code', label: 'Code', type: 'textarea', pattern: '[0-9]+' };
    expect(validateForm([code], {})).toEqual([]);
    expect(validateForm([code], { code: '12a' })).toHaveLength(1);
  });

  it('honours (?i) for an answer in either case', () => {
    const f: FormField = { id: 'kind', label: 'Kind', type: 'text', pattern: '(?i)mrn-[0-9]+' };
    expect(validateForm([f], { kind: 'MRN-12' })).toEqual([]);
  });

  it('answers at once on a pattern that makes a backtracking engine run for ages', () => {
    // With JavaScript's RegExp this call does not return within the test's time limit.
    const f: FormField = { id: 'x', label: 'X', type: 'text', pattern: '(a+)+b' };
    expect(validateForm([f], { x: `${'a'.repeat(50_000)}c` })).toHaveLength(1);
  });

  it('a pattern RE2 cannot compile is reported with the reason, and checks nothing', () => {
    expect(compilePattern('(a')).toEqual({ ok: false, reason: 'missing closing ): `(a`' });
    expect(compilePattern('(a)\\1').ok).toBe(false);
    expect(compilePattern('(?=a)a').ok).toBe(false);
    const f: FormField = { id: 'x', label: 'X', type: 'text', pattern: '(a' };
    expect(validateForm([f], { x: 'anything' })).toEqual([]);
  });
});

describe('a number field with a range', () => {
  const days: FormField = { id: 'days', label: 'Days supply', type: 'number', min: 1, max: 90 };

  it('takes answers from min to max, both included', () => {
    for (const ok of [1, 30, 90, 1.5]) expect(validateForm([days], { days: ok }), String(ok)).toEqual([]);
  });

  it('names the bound an answer is outside', () => {
    expect(validateForm([days], { days: 0 })).toEqual([
      { field: 'days', message: 'Days supply must be at least 1' },
    ]);
    expect(validateForm([days], { days: 91 })).toEqual([
      { field: 'days', message: 'Days supply must be at most 90' },
    ]);
  });

  it('with only a minimum, has no ceiling', () => {
    const amount: FormField = { id: 'amount', label: 'Amount', type: 'number', min: 0 };
    expect(validateForm([amount], { amount: -5 })).toHaveLength(1);
    expect(validateForm([amount], { amount: 1e9 })).toEqual([]);
  });
});

describe('start data against a start form with checks', () => {
  const withForm: Definition = { ...triage, intake: { roles: ['front-desk'], form: [chart] } };

  it('refuses a name typed as a patient reference, and takes a chart number', () => {
    expect(validateIntake(withForm, { patient: 'Maria Lopez' })).toEqual([
      { field: 'patient', message: 'Patient reference must be a chart number such as DEMO-5001' },
    ]);
    expect(validateIntake(withForm, { patient: 'DEMO-5001' })).toEqual([]);
  });
});
