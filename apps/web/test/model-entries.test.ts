import { describe, expect, it } from 'vitest';
import { useEditorStore } from '../src/editor/useEditorStore.ts';
import { applyChanges } from '../src/model/changes.ts';
import { entryFindings, NO_ENTRIES, renameEntries, withEntry } from '../src/model/entries.ts';
import { problemSubject } from '../src/model/problemSubject.ts';
import { doc, triage } from './model-support.ts';

const ZERO = {
  text: '0',
  choice: 'days',
  problem: 'Due after must be a whole number of days, from 1 to 1,000,000',
};

describe('what is typed but not taken', () => {
  it('is an error of its step, in words, naming what was typed', () => {
    const definition = triage();
    const entries = withEntry(NO_ENTRIES, 'steps.classify.deadline.after', ZERO);
    const [finding, ...rest] = entryFindings(definition, entries);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      severity: 'error',
      step: 'classify',
      path: 'steps.classify.deadline.after',
    });
    expect(finding!.message).toBe(
      'Due after must be a whole number of days, from 1 to 1,000,000: “0” is not taken yet',
    );
    expect(problemSubject(definition, finding!, { step: 'classify' })).toBe('Step “Classify the message”');
  });

  it('is let go when fixed, and is not reported once its box is gone', () => {
    const entries = withEntry(NO_ENTRIES, 'steps.classify.deadline.after', ZERO);
    expect(withEntry(entries, 'steps.classify.deadline.after', ZERO)).toBe(entries);
    expect(withEntry(entries, 'steps.classify.deadline.after', null)).toEqual({});
    const noDeadline = applyChanges(doc(), [
      { type: 'updateStep', id: 'classify', patch: { deadline: undefined } },
    ]).definition;
    expect(entryFindings(noDeadline, entries)).toEqual([]);
    const noStep = applyChanges(doc(), [{ type: 'removeStep', id: 'classify' }]).definition;
    expect(entryFindings(noStep, entries)).toEqual([]);
    // A bound of a start form field, with no start form any more.
    const start = withEntry(NO_ENTRIES, 'intake.form.0.min', {
      text: 'abc',
      problem: '“Age”: Smallest answer must be a number',
    });
    expect(entryFindings(triage(), start)).toEqual([]);
  });

  it('follows its step when the step gets a new id', () => {
    const entries = withEntry(NO_ENTRIES, 'steps.classify.deadline.after', ZERO);
    expect(Object.keys(renameEntries(entries, 'classify', 'sort'))).toEqual(['steps.sort.deadline.after']);
    expect(renameEntries(entries, 'other', 'sort')).toBe(entries);
  });

  it('counts as an error of the editor until fixed: Publish waits for it', () => {
    const store = useEditorStore.getState();
    store.load({ document: doc(), revision: 1, updatedAt: '2026-01-01T00:00:00Z', updatedBy: null });
    const before = useEditorStore.getState().overlay!.errors;
    store.hold('steps.classify.deadline.after', ZERO);
    let now = useEditorStore.getState();
    expect(now.overlay!.errors).toBe(before + 1);
    expect(now.findings[0]!.rule).toBe('unfinished-entry');
    expect(now.overlay!.targets[0]).toEqual({ step: 'classify' });
    // The step's id follows its title: the entry follows the step.
    store.apply([{ type: 'renameStep', id: 'classify', newId: 'sort-the-message' }]);
    expect(Object.keys(useEditorStore.getState().entries)).toEqual(['steps.sort-the-message.deadline.after']);
    store.hold('steps.sort-the-message.deadline.after', null);
    now = useEditorStore.getState();
    expect(now.overlay!.errors).toBe(before);
    expect(now.findings.some((f) => f.rule === 'unfinished-entry')).toBe(false);
  });
});
