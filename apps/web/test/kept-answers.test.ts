import type { FormField } from '@portalflow/engine';
import { describe, expect, it } from 'vitest';
import { keptAnswers, keptAnswersText } from '../src/work/keptAnswers.ts';

/** Form answers typed on a task that then moved away, kept in words by their labels to copy. */

const fields: FormField[] = [
  { id: 'resultKind', label: 'Kind of result', type: 'select', options: ['lab', 'pathology'] },
  { id: 'flag', label: 'Flag', type: 'select', options: ['normal', 'abnormal'] },
  { id: 'holdRequested', label: 'Provider asked to review before release', type: 'boolean' },
  { id: 'amount', label: 'Amount', type: 'number', money: true },
  { id: 'details', label: 'What the lab said', type: 'textarea' },
  { id: 'empty', label: 'Left empty', type: 'text' },
];

describe('kept answers', () => {
  it('says each typed answer by its label, in the words the form showed', () => {
    const answers = keptAnswers(
      fields,
      {},
      {
        flag: 'abnormal',
        holdRequested: false,
        amount: '1,250.40',
        details: 'Potassium 6.1\nRepeat ordered',
        empty: '  ',
      },
    );
    expect(answers).toEqual([
      { label: 'Flag', answer: 'Abnormal' },
      { label: 'Provider asked to review before release', answer: 'No' },
      { label: 'Amount', answer: '1,250.40' },
      { label: 'What the lab said', answer: 'Potassium 6.1\nRepeat ordered' },
    ]);
    expect(keptAnswersText(answers)).toBe(
      'Flag: Abnormal\nProvider asked to review before release: No\nAmount: 1,250.40\nWhat the lab said: Potassium 6.1\n  Repeat ordered',
    );
  });

  it('leaves out what the request already held: only what was typed here is at risk', () => {
    expect(keptAnswers(fields, { resultKind: 'lab' }, { resultKind: 'lab', flag: 'normal' })).toEqual([
      { label: 'Flag', answer: 'Normal' },
    ]);
    expect(keptAnswers(fields, {}, {})).toEqual([]);
  });
});
