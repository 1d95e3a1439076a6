import { describe, expect, it } from 'vitest';
import { disabledText, heldTasksText } from '../src/accounts/heldTasks.ts';
import { personName } from '../src/work/personName.ts';

describe('disabling a person, in words', () => {
  it('says beforehand how much open work goes back to the pools', () => {
    expect(heldTasksText('Jane Doe', 0)).toBe('Jane Doe holds no open tasks.');
    expect(heldTasksText('Jane Doe', 1)).toBe('Jane Doe holds 1 open task; it goes back to its pool.');
    expect(heldTasksText('Jane Doe', 2)).toBe('Jane Doe holds 2 open tasks; they go back to their pools.');
  });

  it('says afterwards how much went back', () => {
    expect(disabledText('Jane Doe', 2)).toBe(
      'Jane Doe is disabled and signed out; 2 open tasks went back to their pools.',
    );
    expect(disabledText('Jane Doe', 1)).toBe(
      'Jane Doe is disabled and signed out; 1 open task went back to its pool.',
    );
    expect(disabledText('Jane Doe', 0)).toBe('Jane Doe is disabled and signed out; no open tasks to return.');
  });

  it('keeps a disabled person named, marked, never as an id', () => {
    expect(personName({ displayName: 'Jane Doe', disabled: true })).toBe('Jane Doe (disabled)');
    expect(personName({ displayName: 'Jane Doe', disabled: false })).toBe('Jane Doe');
  });
});
