import { describe, expect, it } from 'vitest';
import { clinicDay, DEFAULT_CALENDAR } from '../src/calendar/index.ts';
import type { Definition, FormField, TaskStep } from '../src/definition.ts';
import { compilePattern } from '../src/field-pattern.ts';
import { expectedAnswer } from '../src/form.ts';
import { validateIntake } from '../src/intake.ts';
import { transition } from '../src/transition.ts';
import { validateForm } from '../src/validate-form.ts';
import { labs, triage } from './support/definitions.ts';

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

  it('leaves an empty optional answer alone, and long text unchecked (lint reports a pattern there)', () => {
    const code: FormField = { id: 'code', label: 'Code', type: 'text', pattern: '[0-9]+' };
    expect(validateForm([code], {})).toEqual([]);
    expect(validateForm([code], { code: '12a' })).toHaveLength(1);
    expect(validateForm([{ ...code, type: 'textarea' }], { code: '12a' })).toEqual([]);
  });

  it('takes answers up to 200 characters, so one check stays within milliseconds', () => {
    const code: FormField = { id: 'code', label: 'Code', type: 'text', pattern: '[0-9]+' };
    expect(validateForm([code], { code: '1'.repeat(200) })).toEqual([]);
    expect(validateForm([code], { code: '1'.repeat(201) })).toEqual([
      { field: 'code', message: 'Code must be at most 200 characters' },
    ]);
  });

  it('refuses a pattern too large to check quickly, saying how to make it smaller', () => {
    const big = compilePattern('\\p{L}{1,1000}');
    expect(big.ok).toBe(false);
    expect(!big.ok && big.reason).toMatch(/^too complex to check quickly \(size \d+, at most 500\)/);
    expect(compilePattern('\\p{L}{1,30}').ok).toBe(true);
  });

  it('honours (?i) for an answer in either case', () => {
    const f: FormField = { id: 'kind', label: 'Kind', type: 'text', pattern: '(?i)mrn-[0-9]+' };
    expect(validateForm([f], { kind: 'MRN-12' })).toEqual([]);
  });

  it('answers at once on a pattern that makes a backtracking engine run for ages', () => {
    // With JavaScript's RegExp this call does not return within the test's time limit.
    const f: FormField = { id: 'x', label: 'X', type: 'text', pattern: '(a+)+b' };
    expect(
      compilePattern('(a+)+b').ok &&
        (compilePattern('(a+)+b') as { test: (v: string) => boolean }).test(`${'a'.repeat(50_000)}c`),
    ).toBe(false);
    expect(validateForm([f], { x: `${'a'.repeat(199)}c` })).toHaveLength(1);
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

describe('an amount of money', () => {
  const balance: FormField = {
    id: 'balance',
    label: 'Patient balance ($)',
    type: 'number',
    money: true,
    min: 0,
  };

  it('takes dollars and cents, and refuses a fraction of a cent', () => {
    for (const ok of [0, 35, 1250.4, 1250.45, 999999.99])
      expect(validateForm([balance], { balance: ok }), String(ok)).toEqual([]);
    expect(validateForm([balance], { balance: 1.2504 })).toEqual([
      { field: 'balance', message: 'Patient balance ($) must be in dollars and cents, such as 1,250.40' },
    ]);
  });

  it('names its bounds as amounts, and with a minimum of zero takes no credit', () => {
    expect(validateForm([balance], { balance: -75 })).toEqual([
      { field: 'balance', message: 'Patient balance ($) must be at least $0.00' },
    ]);
    expect(expectedAnswer(balance)).toBe('at least $0.00 (no credits)');
    expect(expectedAnswer({ ...balance, min: 1, max: 1500 })).toBe('from $1.00 to $1,500.00');
  });

  it('without a minimum takes a credit, and says how to enter one', () => {
    const { min: _, ...any } = balance;
    expect(validateForm([any], { balance: -75 })).toEqual([]);
    expect(expectedAnswer(any)).toBe(
      'dollars and cents; a credit is entered with a minus sign, such as -75.00',
    );
    expect(expectedAnswer({ ...any, max: 500 })).toBe(
      'at most $500.00; a credit is entered with a minus sign, such as -75.00',
    );
  });

  it('a plain number keeps its decimals and its bounds as numbers', () => {
    const hours: FormField = { id: 'hours', label: 'Hours', type: 'number', min: 0 };
    expect(validateForm([hours], { hours: 1.2504 })).toEqual([]);
    expect(expectedAnswer(hours)).toBe('at least 0');
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

describe('a date field with a range', () => {
  const lastVisit: FormField = { id: 'lastVisit', label: 'Last visit', type: 'date', dateRange: 'past' };
  const followUp: FormField = { id: 'followUp', label: 'Follow-up date', type: 'date', dateRange: 'future' };

  it('past takes today or earlier; future takes today or later', () => {
    const today = '2026-03-02';
    expect(
      validateForm([lastVisit, followUp], { lastVisit: today, followUp: today }, undefined, today),
    ).toEqual([]);
    expect(validateForm([lastVisit], { lastVisit: '2026-03-03' }, undefined, today)).toEqual([
      { field: 'lastVisit', message: 'Last visit cannot be after today' },
    ]);
    expect(validateForm([followUp], { followUp: '2026-03-01' }, undefined, today)).toEqual([
      { field: 'followUp', message: 'Follow-up date cannot be before today' },
    ]);
  });

  it('is the clinic’s today: late evening in New York is still that day there', () => {
    const clinic = { ...DEFAULT_CALENDAR, timeZone: 'America/New_York' };
    // 02:30 UTC on 3 March is 21:30 on 2 March in New York.
    expect(clinicDay('2026-03-03T02:30:00.000Z', clinic)).toBe('2026-03-02');
    expect(clinicDay('2026-03-03T02:30:00.000Z')).toBe('2026-03-03');
  });

  it('refuses a completion whose follow-up date has passed at the clinic', () => {
    const review = labs.steps.review as TaskStep;
    const dated: Definition = {
      ...labs,
      steps: { ...labs.steps, review: { ...review, form: [...(review.form ?? []), followUp] } },
    };
    const clinic = { ...DEFAULT_CALENDAR, timeZone: 'America/New_York' };
    const at = '2026-03-03T02:30:00.000Z';
    const started = transition(dated, null, { type: 'start', calendar: clinic }, at);
    if (!started.ok) throw started.error;
    const complete = (followUpDate: string) =>
      transition(
        dated,
        started.snapshot,
        {
          type: 'complete',
          step: 'review',
          outcome: 'normal',
          role: 'provider',
          data: { comment: 'ok', followUp: followUpDate },
        },
        at,
      );
    // Still 2 March at the clinic: that day is allowed, the 1st is not.
    expect(complete('2026-03-02').ok).toBe(true);
    const refused = complete('2026-03-01');
    expect(refused.ok || refused.error.details).toEqual({
      fields: [{ field: 'followUp', message: 'Follow-up date cannot be before today' }],
    });
  });
});
