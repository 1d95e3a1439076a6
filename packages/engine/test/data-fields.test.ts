import { describe, expect, it } from 'vitest';
import { dataFields, parseDefinition } from '../src/index.ts';

const refill = parseDefinition({
  id: 'refill',
  title: 'Refill',
  roles: [
    { id: 'desk', name: 'Front desk' },
    { id: 'nurse', name: 'Nurse' },
  ],
  start: 'review',
  intake: {
    roles: ['desk'],
    form: [
      { id: 'patient', label: 'Patient reference', type: 'text', required: true },
      { id: 'medication', label: 'Medication', type: 'text' },
    ],
  },
  steps: {
    review: {
      type: 'task',
      role: 'nurse',
      title: 'Review',
      form: [
        { id: 'labsCurrent', label: 'Required monitoring labs are current', type: 'boolean' },
        { id: 'medication', label: 'Medication as prescribed', type: 'text', ownership: 'shared' },
        { id: 'note', label: 'Note', type: 'textarea', ownership: 'shared' },
      ],
      outcomes: { done: 'approve' },
    },
    approve: {
      type: 'task',
      role: 'nurse',
      title: 'Approve',
      form: [
        { id: 'note', label: 'Reviewer note', type: 'textarea', ownership: 'shared' },
        { id: 'decision', label: 'Decision', type: 'select', options: ['Approve', 'Deny'] },
      ],
      outcomes: { done: 'closed' },
    },
    closed: { type: 'end', outcome: 'done' },
  },
});

describe('dataFields', () => {
  it('lists the start form, then each step’s form in definition order, each field once', () => {
    expect(dataFields(refill).map((f) => [f.id, f.label])).toEqual([
      ['patient', 'Patient reference'],
      ['medication', 'Medication'],
      ['labsCurrent', 'Required monitoring labs are current'],
      ['note', 'Note'],
      ['decision', 'Decision'],
    ]);
  });

  it('is empty for a workflow that declares no fields', () => {
    const bare = parseDefinition({
      id: 'bare',
      title: 'Bare',
      roles: [{ id: 'desk', name: 'Front desk' }],
      start: 'done',
      steps: { done: { type: 'end', outcome: 'done' } },
    });
    expect(dataFields(bare)).toEqual([]);
  });
});
