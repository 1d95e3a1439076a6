import type { TaskDraft } from '@portalflow/contract';
import type { FormField } from '@portalflow/engine';
import { describe, expect, it } from 'vitest';
import {
  draftAnswers,
  draftStatusText,
  halfDoneText,
  mergeDraft,
  restoredLabel,
  withDraft,
} from '../src/work/taskDraft.ts';

/** A task's draft: what is kept of the form, how it comes back, and two tabs' typing put together. */

const fields: FormField[] = [
  { id: 'flag', label: 'Flag', type: 'select', options: ['normal', 'abnormal'] },
  { id: 'holdRequested', label: 'Hold', type: 'boolean' },
  { id: 'amount', label: 'Amount', type: 'number', money: true },
  { id: 'details', label: 'Details', type: 'textarea' },
];

const draft = (values: TaskDraft['values'], by = 'keisha'): TaskDraft => ({
  revision: 3,
  values,
  note: '',
  forNextRole: false,
  savedAt: '2026-12-07T14:14:00.000Z',
  savedBy: { id: by, displayName: by === 'keisha' ? 'Keisha Brown' : 'Jamie Ortiz' },
});

describe('a task draft', () => {
  it('keeps the form’s own answers as typed (half-typed numbers too), nothing emptied or foreign', () => {
    expect(
      draftAnswers(fields, {
        flag: 'abnormal',
        holdRequested: false,
        amount: '1,2',
        details: undefined,
        x: 'y',
      }),
    ).toEqual({ flag: 'abnormal', holdRequested: false, amount: '1,2' });
  });

  it('fills the form from a draft and names the fields it filled; a choice no longer offered is left out', () => {
    const { values, restored } = withDraft(
      fields,
      { details: 'from the request' },
      draft({ flag: 'critical', holdRequested: true, amount: 12.5 }),
    );
    expect(values).toEqual({ details: 'from the request', holdRequested: true, amount: 12.5 });
    expect([...restored].sort()).toEqual(['amount', 'holdRequested']);
  });

  it('says whose the restored answers are', () => {
    expect(restoredLabel(draft({}), 'keisha')).toBe('Restored from your draft');
    expect(restoredLabel(draft({}), 'jamie')).toBe('Typed by Keisha Brown');
  });

  it('puts a newer draft from another tab together with what this tab typed since, neither lost', () => {
    const base = { values: { flag: 'normal' }, note: '', forNextRole: false };
    const newer = {
      values: { flag: 'normal', holdRequested: true },
      note: 'From tab one',
      forNextRole: true,
    };
    const mine = { values: { flag: 'abnormal' }, note: '', forNextRole: false };
    expect(mergeDraft(base, newer, mine)).toEqual({
      values: { flag: 'abnormal', holdRequested: true },
      note: 'From tab one',
      forNextRole: true,
    });
    // An answer this tab emptied stays empty; a note this tab typed wins over the other's.
    expect(mergeDraft(base, newer, { values: {}, note: 'From tab two', forNextRole: false })).toEqual({
      values: { holdRequested: true },
      note: 'From tab two',
      forNextRole: true,
    });
  });
});

describe('what the panel says of a draft', () => {
  const mark = {
    savedAt: '2026-12-07T16:14:00.000Z',
    savedBy: { id: 'keisha', displayName: 'Keisha Brown' },
  };
  it('a pool task half done: who and when, the day too when not today', () => {
    expect(halfDoneText(mark, Date.parse('2026-12-07T18:00:00.000Z'))).toMatch(
      /^Half done by Keisha Brown, \d{1,2}:\d{2}( AM| PM)?$/,
    );
    expect(halfDoneText(mark, Date.parse('2026-12-09T18:00:00.000Z'))).toMatch(
      /^Half done by Keisha Brown, .*Dec 7, \d{1,2}:\d{2}( AM| PM)?$/,
    );
  });
  it('a draft not read or not saved: why in words, and that typing is kept on this screen', () => {
    const base = { saving: false, savedAt: null, restored: null };
    expect(
      draftStatusText({ ...base, problem: { when: 'load', why: 'the server could not be reached' } }, 'me'),
    ).toMatch(
      /^Your draft could not be loaded: the server could not be reached\. What you type stays on this screen/,
    );
    expect(
      draftStatusText(
        { ...base, saving: true, problem: { when: 'save', why: 'the server had a problem (INTERNAL)' } },
        'me',
      ),
    ).toMatch(/^Draft not saved: the server had a problem \(INTERNAL\)\. .*trying again…$/);
  });
});
