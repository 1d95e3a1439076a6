import { describe, expect, it } from 'vitest';
import { completedText } from '../src/work/completedText.ts';

describe('the toast after completing a task', () => {
  it('names the request as its queue row does, then the step and the outcome chosen', () => {
    expect(completedText('Sort the portal message', 'sorted', 'DEMO-1001 · Message: Prescription')).toEqual({
      title: 'Completed',
      request: 'DEMO-1001 · Message: Prescription',
      done: '“Sort the portal message” — Sorted.',
    });
  });

  it('says an outcome of several words as its button does', () => {
    expect(completedText('Match the final result', 'wrong-patient', 'Request 0A1B2C3D').done).toBe(
      '“Match the final result” — Wrong patient.',
    );
  });
});
