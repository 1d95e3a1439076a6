import { describe, expect, it } from 'vitest';
import { completedText } from '../src/work/completedText.ts';

describe('the toast after completing a task', () => {
  it('names the request as its queue row does, then the step and the outcome chosen', () => {
    expect(completedText('Sort the portal message', 'sorted', 'DEMO-1001 · Message: Prescription')).toEqual({
      title: 'Completed',
      request: 'DEMO-1001 · Message: Prescription',
      done: '“Sort the portal message” — Sorted.',
      next: null,
    });
  });

  it('says an outcome of several words as its button does', () => {
    expect(completedText('Match the final result', 'wrong-patient', 'Request 0A1B2C3D').done).toBe(
      '“Match the final result” — Wrong patient.',
    );
  });

  it('says what of the same request now waits in the same pool, so the person who just read it can take it on', () => {
    const text = completedText(
      'Check the guarantor and the statement',
      'checked',
      'DEMO-9005 · Billing: Insurance denial',
      {
        titles: ['Work the insurance claim'],
        pool: 'the Patient billing specialist pool',
      },
    );
    expect(text.next).toBe(
      'Next on this request: “Work the insurance claim”, waiting in the Patient billing specialist pool.',
    );
  });

  it('says nothing of a next step when the request went on to another role', () => {
    expect(
      completedText('Sort the portal message', 'sorted', 'DEMO-1001 · Message: Prescription').next,
    ).toBeNull();
    expect(
      completedText('Sort the portal message', 'sorted', 'DEMO-1001', {
        titles: [],
        pool: 'the Triage nurse (RN) pool',
      }).next,
    ).toBeNull();
  });
});
