import { describe, expect, it } from 'vitest';
import { startedText } from '../src/work/startedText.ts';
import { thePool } from '../src/work/thePool.ts';

describe('the toast after starting a request', () => {
  it('says which pool the first task waits in', () => {
    expect(startedText('DEMO-5001 · Refill: metformin', 'Pharmacy refill coordinator')).toBe(
      'DEMO-5001 · Refill: metformin is in the Pharmacy refill coordinator pool.',
    );
  });

  it('does not say pool twice for a role whose title already says it', () => {
    expect(startedText('DEMO-1001 · Message: Medical question', 'Medical assistant (care-team pool)')).toBe(
      'DEMO-1001 · Message: Medical question is in the Medical assistant (care-team pool).',
    );
  });

  it('counts the files attached, and says "has started" when the request begins with a wait', () => {
    expect(startedText('DEMO-6101 · Billing', 'Front desk receptionist', 2)).toBe(
      'DEMO-6101 · Billing is in the Front desk receptionist pool, with 2 files attached.',
    );
    expect(startedText('DEMO-4003 · Result: A1c', null)).toBe('DEMO-4003 · Result: A1c has started.');
  });
});

describe('a role’s pool in a sentence', () => {
  it('adds "pool" only when the title does not already say it', () => {
    expect(thePool('Triage nurse (RN)')).toBe('the Triage nurse (RN) pool');
    expect(thePool('Medical assistant (care-team pool)')).toBe('the Medical assistant (care-team pool)');
    expect(thePool('Carpool coordinator')).toBe('the Carpool coordinator pool');
  });
});
