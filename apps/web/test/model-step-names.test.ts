import type { Definition } from '@portalflow/engine';
import { describe, expect, it } from 'vitest';
import { stepNames } from '../src/model/stepNames.ts';
import { example } from './model-support.ts';

describe('steps named in a picker', () => {
  it('are named by their titles, never by their ids', () => {
    const refill = example('prescription-refill');
    const ids = Object.keys(refill.steps);
    const names = stepNames(refill, ids);
    expect(names[ids.indexOf('review-request')]).toBe('Prepare the refill request for review');
    for (const [i, name] of names.entries()) expect(name).not.toContain(`(${ids[i]})`);
  });

  it('tells two steps of the same title apart by who does them, then by their place', () => {
    const definition: Definition = {
      id: 'calls',
      title: 'Calls',
      roles: [
        { id: 'front-desk', name: 'Front desk' },
        { id: 'nurse', name: 'Triage nurse' },
      ],
      start: 'a',
      steps: {
        a: { type: 'task', role: 'front-desk', title: 'Call the patient', outcomes: { done: 'b' } },
        b: { type: 'task', role: 'nurse', title: 'Call the patient', outcomes: { done: 'c' } },
        c: { type: 'task', role: 'nurse', title: 'Call the patient', outcomes: { done: 'd' } },
        d: { type: 'end' },
      },
    };
    expect(stepNames(definition, ['a', 'b', 'c', 'd'])).toEqual([
      'Call the patient · Front desk',
      'Call the patient · Triage nurse (1 of 2)',
      'Call the patient · Triage nurse (2 of 2)',
      'End',
    ]);
  });
});
