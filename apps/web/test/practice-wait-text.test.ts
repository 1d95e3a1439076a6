import { describe, expect, it } from 'vitest';
import { answerHint, answerLabel, waitHeading } from '../src/practice/waitText.ts';

describe('a practice run’s waiting step, in words', () => {
  it('says what the step waits for and that the trainee plays it', () => {
    expect(waitHeading('Wait for the payer to adjudicate the claim')).toBe(
      'Waiting for the payer to adjudicate the claim — play it for practice',
    );
    // A title that does not start with "Wait for" is kept whole.
    expect(waitHeading('Held until the provider talks with the patient')).toBe(
      'Waiting: held until the provider talks with the patient — play it for practice',
    );
  });

  it('names the outside answer in words, and the time passing', () => {
    expect(answerLabel({ answer: 'signal', signal: 'claim-adjudicated' })).toBe('Claim adjudicated');
    expect(answerLabel({ answer: 'time', due: '2026-03-16T17:00:00.000Z', goesTo: null })).toBe(
      'Let the time pass',
    );
  });

  it('says what each answer stands for and where the time passing leads', () => {
    expect(answerHint({ answer: 'signal', signal: 'claim-adjudicated' })).toBe(
      'What the outside system sends when it answers',
    );
    expect(
      answerHint(
        {
          answer: 'time',
          due: '2026-03-16T17:00:00.000Z',
          goesTo: 'Call the payer about the resubmitted claim',
        },
        () => 'Mon, Mar 16, 5:00 PM',
      ),
    ).toBe('Nobody answers until Mon, Mar 16, 5:00 PM: on to “Call the payer about the resubmitted claim”');
    expect(answerHint({ answer: 'time', due: '2026-03-16T17:00:00.000Z', goesTo: null }, () => 'Mon')).toBe(
      'Nobody answers until Mon: the wait ends',
    );
  });
});
