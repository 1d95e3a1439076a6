import { type Definition, validateIntake } from '@portalflow/engine';
import { describe, expect, it } from 'vitest';
import { PRACTICE_PATIENT, practiceStartData } from '../src/practice/practiceData.ts';
import { EXAMPLES, example } from './model-support.ts';

describe('practice start data', () => {
  it('fills the start form’s required fields with made-up values and the practice patient', () => {
    expect(practiceStartData(example('prescription-refill'))).toEqual({
      patient: PRACTICE_PATIENT,
      medication: 'Practice: Medication',
    });
    expect(practiceStartData(example('billing-question'))).toEqual({
      patient: PRACTICE_PATIENT,
      channel: 'portal',
    });
  });

  it.each(EXAMPLES)('%s: the start form takes it, as a real start would be held to it', (id) => {
    const definition = example(id);
    expect(validateIntake(definition, practiceStartData(definition))).toEqual([]);
  });

  it('a workflow without a start form starts a practice run with no data', () => {
    const bare = { intake: undefined } as Pick<Definition, 'intake'>;
    expect(practiceStartData(bare)).toEqual({});
    expect(practiceStartData(undefined)).toEqual({});
  });
});
