import { describe, expect, it } from 'vitest';
import type { FormField } from '../src/definition.ts';
import { conditionWords } from '../src/text/condition-words.ts';

const field = (id: string, label: string, type: FormField['type'], options?: string[]): FormField => ({
  id,
  label,
  type,
  ...(options ? { options } : {}),
});

const fields = new Map<string, FormField>(
  [
    field('controlledSubstance', 'Controlled substance', 'boolean'),
    field('labsCurrent', 'Required monitoring labs are current', 'boolean'),
    field('exactRefill', 'Exact refill (same drug, dose and directions)', 'boolean'),
    field('onStandingOrder', 'Medication is on the nursing standing order', 'boolean'),
    field('monthsSinceLastVisit', 'Months since last visit', 'number'),
    field('topic', 'Topic', 'select', ['medical-question', 'test-results', 'referral', 'refill']),
    field('relationship', "Requester's relationship to the patient", 'select', [
      'adult-caregiver',
      'healthcare-agent',
    ]),
    field('patientAge', "Patient's age today", 'number'),
    field('note', 'Note', 'text'),
  ].map((f) => [f.id, f]),
);

describe('conditionWords', () => {
  it('names a yes/no field by its short label, and says "no" for false', () => {
    expect(conditionWords('data.controlledSubstance == true', fields)).toBe('Controlled substance');
    expect(conditionWords('data.controlledSubstance', fields)).toBe('Controlled substance');
    expect(conditionWords('data.controlledSubstance == false', fields)).toBe('Controlled substance: no');
    expect(conditionWords('not data.controlledSubstance', fields)).toBe('Controlled substance: no');
    expect(conditionWords('data.controlledSubstance != true', fields)).toBe('Controlled substance: no');
  });

  it('falls back to the key in words when the label is too long for an arrow', () => {
    expect(conditionWords('data.labsCurrent == false', fields)).toBe('Labs current: no');
    expect(conditionWords('data.exactRefill == true and data.onStandingOrder == true', fields)).toBe(
      'Exact refill and on standing order',
    );
  });

  it('reads choices in words, lists with "or"', () => {
    expect(conditionWords("data.topic == 'refill'", fields)).toBe('Topic: Refill');
    expect(conditionWords("data.topic != 'refill'", fields)).toBe('Topic: not Refill');
    expect(conditionWords("data.topic in ['medical-question', 'test-results', 'referral']", fields)).toBe(
      'Topic: Medical question, Test results or Referral',
    );
    expect(conditionWords("data.topic not in ['refill']", fields)).toBe('Topic: not Refill');
  });

  it('shows a value that is not one of the choices as written, so a mistake in case shows', () => {
    const payer = new Map([
      ['payerAnswer', field('payerAnswer', 'Payer answer', 'select', ['Approved', 'Denied'])],
    ]);
    expect(conditionWords("data.payerAnswer == 'Approved'", payer)).toBe('Payer answer: Approved');
    expect(conditionWords('data.payerAnswer == "approved"', payer)).toBe('Payer answer: "approved"');
    expect(conditionWords("data.payerAnswer != 'denied'", payer)).toBe('Payer answer: not "denied"');
    expect(conditionWords("data.topic in ['refill', 'Billing']", fields)).toBe('Topic: Refill or "Billing"');
  });

  it('reads numbers with words for the comparison', () => {
    expect(conditionWords('data.monthsSinceLastVisit > 12', fields)).toBe('Months since last visit over 12');
    expect(conditionWords('data.patientAge >= 13', fields)).toBe("Patient's age today 13 or more");
    expect(conditionWords('data.patientAge < 13', fields)).toBe("Patient's age today under 13");
    expect(conditionWords('data.patientAge <= 12', fields)).toBe("Patient's age today 12 or less");
    expect(
      conditionWords(
        "data.relationship in ['adult-caregiver', 'healthcare-agent'] or data.patientAge >= 18",
        fields,
      ),
    ).toBe("Relationship: Adult caregiver or Healthcare agent; or patient's age today 18 or more");
  });

  it('quotes free text and says when a field is empty', () => {
    expect(conditionWords("data.note == 'urgent'", fields)).toBe('Note is "urgent"');
    expect(conditionWords('data.note == null', fields)).toBe('Note: empty');
    expect(conditionWords('data.note != null', fields)).toBe('Note given');
  });

  it('uses the key in words for a field no form declares', () => {
    expect(conditionWords('data.visitCount > 2', fields)).toBe('Visit count over 2');
    expect(conditionWords('data.flagged == true', fields)).toBe('Flagged');
  });

  it('keeps the expression when it cannot say it better, or cannot parse it', () => {
    expect(conditionWords('data.a == data.b', fields)).toBe('data.a == data.b');
    expect(conditionWords('data.a ==', fields)).toBe('data.a ==');
    expect(conditionWords('', fields)).toBe('(no condition)');
  });
});
