import { describe, expect, it } from 'vitest';
import { dutiesText } from '../src/roles/duties.ts';

describe('dutiesText', () => {
  it('counts steps, workflows and escalations', () => {
    expect(dutiesText({ steps: 10, workflows: 6, escalations: 1 })).toBe(
      '10 steps in 6 workflows · 1 escalation',
    );
    expect(dutiesText({ steps: 1, workflows: 1, escalations: 0 })).toBe('1 step in 1 workflow');
  });

  it('names a supervisor by the escalations it receives, never "0 steps"', () => {
    expect(dutiesText({ steps: 0, workflows: 2, escalations: 7 })).toBe('7 escalations in 2 workflows');
    expect(dutiesText({ steps: 0, workflows: 0, escalations: 0 })).toBe('No duties in a published workflow');
  });
});
