import { describe, expect, it } from 'vitest';
import { DefinitionSchema } from '../src/definition.ts';
import { requestSubject } from '../src/subject.ts';

const billing = DefinitionSchema.parse({
  id: 'billing',
  title: 'Billing question',
  roles: [{ id: 'billing', name: 'Billing specialist' }],
  start: 'log',
  intake: { roles: ['billing'], form: [{ id: 'patient', label: 'Patient reference', type: 'text' }] },
  subject: '{patient} · Billing: {requestType}',
  steps: {
    log: {
      type: 'task',
      role: 'billing',
      title: 'Log the question',
      outcomes: { logged: 'end' },
      form: [
        {
          id: 'requestType',
          label: 'Request type',
          type: 'select',
          options: ['statement-question', 'payment-plan', 'MRI', 'In person'],
        },
      ],
    },
    end: { type: 'end' },
  },
});

/** The clinic's today, passed in as the server does. */
const TODAY = '2026-06-15';

describe('a request’s subject', () => {
  it('says a choice in words, as its form shows it', () => {
    expect(requestSubject(billing, { patient: 'DEMO-6101', requestType: 'statement-question' }, TODAY)).toBe(
      'DEMO-6101 · Billing: Statement question',
    );
    expect(requestSubject(billing, { patient: 'DEMO-6101', requestType: 'MRI' }, TODAY)).toBe(
      'DEMO-6101 · Billing: MRI',
    );
    expect(requestSubject(billing, { patient: 'DEMO-6101', requestType: 'In person' }, TODAY)).toBe(
      'DEMO-6101 · Billing: In person',
    );
  });

  it('leaves other answers as typed, and the choice out until it is made', () => {
    // The patient by the chart number as the clinic writes it, even kept as typed ("demo-6101").
    expect(requestSubject(billing, { patient: 'demo-6101' }, TODAY)).toBe('DEMO-6101 · Billing');
    expect(requestSubject({ ...billing, subject: undefined }, { patient: 'DEMO-6101' }, TODAY)).toBeNull();
  });
});
