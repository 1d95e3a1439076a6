import type { Definition } from '@portalflow/engine';
import { describe, expect, it } from 'vitest';
import { openStepLabels, openStepsLead, openStepTitle } from '../src/canvas/openStepsWords.ts';

/** The audit replay's note naming the open steps off screen: its words for each count and step. */

describe('the open-steps note’s lead', () => {
  it('says nothing when no other open step is off screen', () => {
    expect(openStepsLead(0, 1)).toBe(null);
    expect(openStepsLead(0, 3)).toBe(null);
  });

  it('counts the others beside the one in view', () => {
    expect(openStepsLead(1, 1)).toBe('1 more open step:');
    expect(openStepsLead(2, 1)).toBe('2 more open steps:');
    expect(openStepsLead(3, 1)).toBe('3 more open steps:');
    expect(openStepsLead(2, 2)).toBe('2 more open steps:');
  });

  it('says none is in view when the view was moved away from all of them (not "more")', () => {
    expect(openStepsLead(2, 0)).toBe('Both open steps are off screen:');
    expect(openStepsLead(3, 0)).toBe('All 3 open steps are off screen:');
    expect(openStepsLead(12, 0)).toBe('All 12 open steps are off screen:');
  });
});

const definition = {
  id: 'check-in',
  title: 'Check-in',
  roles: [
    { id: 'billing-specialist', name: 'Patient billing specialist' },
    { id: 'medical-assistant', name: 'Medical assistant' },
    { id: 'front-desk', name: 'Front desk receptionist' },
  ],
  start: 'split',
  steps: {
    split: { type: 'parallel', branches: ['billing-review', 'ma-review', 'desk-review'], join: 'done' },
    'billing-review': { type: 'task', role: 'billing-specialist', title: 'Review', outcomes: { ok: 'done' } },
    'ma-review': { type: 'task', role: 'medical-assistant', title: 'Review', outcomes: { ok: 'done' } },
    'room-the-patient': { type: 'task', role: 'medical-assistant', outcomes: { ok: 'done' } },
    'desk-review': { type: 'task', role: 'front-desk', title: 'Scan the card', outcomes: { ok: 'done' } },
    done: { type: 'end' },
  },
} as unknown as Definition;

describe('the open steps’ names', () => {
  it('a step with no title is named in words, never by its id', () => {
    expect(openStepTitle(definition, 'room-the-patient')).toBe('Room the patient');
    expect(openStepTitle(definition, 'desk-review')).toBe('Scan the card');
  });

  it('two open steps of the same title say their lanes; a title of its own stands alone', () => {
    const labels = openStepLabels(definition, ['billing-review', 'ma-review', 'desk-review']);
    expect(labels.get('billing-review')).toBe('Review (Patient billing specialist)');
    expect(labels.get('ma-review')).toBe('Review (Medical assistant)');
    expect(labels.get('desk-review')).toBe('Scan the card');
  });
});
