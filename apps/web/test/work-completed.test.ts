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

  it('says where the request went when it went on to another role, or that it waits, or that it is finished', () => {
    expect(
      completedText('Sort the portal message', 'sorted', 'DEMO-1001 · Message: Prescription', undefined, {
        to: [{ title: 'Call the patient back', pool: 'the Triage nurse (RN) pool' }],
        waits: [],
        finished: false,
      }).next,
    ).toBe('Now with the Triage nurse (RN) pool: “Call the patient back”.');
    expect(
      completedText('Release the result', 'released', 'DEMO-1002', undefined, {
        to: [
          { title: 'Review the result', pool: 'the Provider pool' },
          { title: 'Send the letter', pool: 'the Front desk pool' },
        ],
        waits: [],
        finished: false,
      }).next,
    ).toBe('Now with the Provider pool: “Review the result”; the Front desk pool: “Send the letter”.');
    expect(
      completedText('Send the reminder', 'sent', 'DEMO-1003', undefined, {
        to: [],
        waits: ['Wait for the patient to reply'],
        finished: false,
      }).next,
    ).toBe('It now waits: “Wait for the patient to reply”.');
    expect(
      completedText('Close the request', 'closed', 'DEMO-1004', undefined, {
        to: [],
        waits: [],
        finished: true,
      }).next,
    ).toBe('The request is finished: nothing more to do on it.');
  });

  it('names the same pool first when the next step is there, and says nothing more without anything known', () => {
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
