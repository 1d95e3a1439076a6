import type { Definition } from '@portalflow/engine';
import { describe, expect, it } from 'vitest';
import { keyAfterRelabel, keyOfLabel, newFieldKey } from '../src/model/fieldKeys.ts';

/**
 * A form field's data key is where its answer is kept: a new field's key follows its label, unique in
 * the workflow, so two steps never save their answers under one name by accident.
 */
function priorAuth(): Definition {
  return {
    id: 'prior-auth',
    title: 'Prior authorization',
    roles: [{ id: 'front-desk', name: 'Front desk' }],
    start: 'collect',
    intake: { roles: ['front-desk'], form: [{ id: 'chartNumber', label: 'Chart number', type: 'text' }] },
    steps: {
      collect: {
        type: 'task',
        role: 'front-desk',
        title: 'Collect insurance card',
        outcomes: { done: 'record' },
        form: [{ id: 'insurancePlan', label: 'Insurance plan', type: 'text' }],
      },
      record: {
        type: 'task',
        role: 'front-desk',
        title: 'Record payer answer',
        outcomes: { done: 'finished' },
        form: [{ id: 'newField', label: 'New field', type: 'text' }],
      },
      finished: { type: 'end', outcome: 'done' },
    },
  };
}

describe('a field’s data key follows its label', () => {
  it('is the camelCase of the label', () => {
    expect(keyOfLabel('Payer answer')).toBe('payerAnswer');
    expect(keyOfLabel('Member ID')).toBe('memberId');
    expect(keyOfLabel('  Date of birth (as on the card) ')).toBe('dateOfBirthAsOnTheCard');
    expect(keyOfLabel('Café visit?')).toBe('cafeVisit');
    expect(keyOfLabel('2nd opinion')).toBe('2ndOpinion');
    expect(keyOfLabel('Payer’s answer')).toBe('payersAnswer');
    expect(keyOfLabel("Patient's reply")).toBe('patientsReply');
    expect(keyOfLabel('')).toBe('answer');
    expect(keyOfLabel('¿?')).toBe('answer');
  });

  it('a new field’s key is unique in the whole workflow, start form included', () => {
    const d = priorAuth();
    expect(newFieldKey(d, 'New field')).toBe('newField2');
    expect(newFieldKey(d, 'Insurance plan')).toBe('insurancePlan2');
    expect(newFieldKey(d, 'Chart number')).toBe('chartNumber2');
    expect(newFieldKey(d, 'Payer answer')).toBe('payerAnswer');
  });

  it('renaming a never-published field’s label renames its key', () => {
    const d = priorAuth();
    const field = { step: 'record', index: 0 };
    expect(keyAfterRelabel(d, field, 'Payer answer', null)).toBe('payerAnswer');
    // Another step already saves under the label's key: this one takes its own.
    expect(keyAfterRelabel(d, field, 'Insurance plan', null)).toBe('insurancePlan2');
  });

  it('a key the lead typed by hand stays', () => {
    const d = priorAuth();
    const record = d.steps.record as Extract<Definition['steps'][string], { type: 'task' }>;
    record.form = [{ id: 'payer', label: 'Payer answer', type: 'text' }];
    expect(keyAfterRelabel(d, { step: 'record', index: 0 }, 'Answer from the payer', null)).toBe('payer');
  });

  it('a published key never changes: answers are kept under it', () => {
    const d = priorAuth();
    const published = structuredClone(d);
    expect(keyAfterRelabel(d, { step: 'collect', index: 0 }, 'Insurance plan name', published)).toBe(
      'insurancePlan',
    );
    // Not known yet whether it was published: nothing changes.
    expect(keyAfterRelabel(d, { step: 'collect', index: 0 }, 'Insurance plan name', undefined)).toBe(
      'insurancePlan',
    );
    // Published elsewhere in the workflow under this key counts too.
    expect(keyAfterRelabel(d, { step: 'collect', index: 0 }, 'Insurance plan name', null)).toBe(
      'insurancePlanName',
    );
  });

  it('the start form’s fields follow their labels the same way', () => {
    const d = priorAuth();
    expect(keyAfterRelabel(d, { step: undefined, index: 0 }, 'Chart number or MRN', null)).toBe(
      'chartNumberOrMrn',
    );
  });
});
