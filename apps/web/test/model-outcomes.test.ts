import type { TaskStep } from '@portalflow/engine';
import { describe, expect, it } from 'vitest';
import { disconnect } from '../src/model/arrows.ts';
import { outcomeFromWords, removeOutcome, renameOutcome } from '../src/model/outcomes.ts';

const decide: TaskStep = {
  type: 'task',
  role: 'provider',
  title: 'Approve or deny the refill',
  outcomes: { approved: 'send', denied: 'explain', bridge: 'send' },
  form: [
    { id: 'denialReason', label: 'Reason', type: 'textarea', requiredFor: ['denied'] },
    { id: 'daysSupply', label: 'Days supply', type: 'number', requiredFor: ['approved', 'bridge'] },
    { id: 'comment', label: 'Comment', type: 'text' },
  ],
};

describe('outcomes named by form fields', () => {
  it('a rename keeps the buttons in order and follows into requiredFor', () => {
    const patch = renameOutcome(decide, 'denied', 'deny-until-seen');
    expect(Object.keys(patch.outcomes)).toEqual(['approved', 'deny-until-seen', 'bridge']);
    expect(patch.form?.map((f) => f.requiredFor)).toEqual([
      ['deny-until-seen'],
      ['approved', 'bridge'],
      undefined,
    ]);
  });

  it('a removal drops the outcome from requiredFor, and a field left with none becomes optional', () => {
    const patch = removeOutcome(decide, 'denied');
    expect(patch.outcomes).toEqual({ approved: 'send', bridge: 'send' });
    expect(patch.form?.[0]).toEqual({ id: 'denialReason', label: 'Reason', type: 'textarea' });
    expect(patch.form?.[1]?.requiredFor).toEqual(['approved', 'bridge']);
  });

  it('deleting the outcome’s arrow on the canvas does the same', () => {
    const next = disconnect(decide, 'steps.decide.outcomes.bridge') as TaskStep;
    expect(next.outcomes).toEqual({ approved: 'send', denied: 'explain' });
    expect(next.form?.[1]?.requiredFor).toEqual(['approved']);
  });

  it('leaves a step without a form without one', () => {
    const bare: TaskStep = { ...decide, form: undefined };
    delete bare.form;
    expect('form' in (disconnect(bare, 'steps.decide.outcomes.bridge') as TaskStep)).toBe(false);
  });
});

describe('an outcome named in words', () => {
  const taken = (id: string) => id in decide.outcomes;
  it('reads as its id in words, and words that read as its own id keep it', () => {
    expect(outcomeFromWords('Denied', 'denied', taken)).toEqual({ id: 'denied' });
    expect(outcomeFromWords('Needs prior auth', 'needsPriorAuth', taken)).toEqual({ id: 'needsPriorAuth' });
    expect(outcomeFromWords('needsPriorAuth', 'needsPriorAuth', taken)).toEqual({ id: 'needsPriorAuth' });
  });

  it('becomes a new id from the words typed, unless another outcome has it', () => {
    expect(outcomeFromWords('Deny until seen', 'denied', taken)).toEqual({ id: 'deny-until-seen' });
    expect(outcomeFromWords('not-reached', 'denied', taken)).toEqual({ id: 'not-reached' });
    expect(outcomeFromWords('Approved', 'denied', taken)).toEqual({
      problem: 'Already an outcome: “Approved”',
    });
    expect(outcomeFromWords(' … ', 'denied', taken)).toEqual({ problem: 'Name it in letters or digits' });
  });
});
