import { describe, expect, it } from 'vitest';
import { keptWorkText, readKeptWork, resumption } from '../src/editor/keptWork.ts';
import type { SavedBase } from '../src/editor/useEditorStore.ts';
import { applyChanges } from '../src/model/changes.ts';
import { NO_ENTRIES, withEntry } from '../src/model/entries.ts';
import { doc } from './model-support.ts';

const ZERO = {
  text: '0',
  choice: 'days',
  problem: 'Due after must be a whole number of days, from 1 to 1,000,000',
};
const entries = withEntry(NO_ENTRIES, 'steps.classify.deadline.after', ZERO);
const saved = (revision: number): SavedBase => ({
  document: doc(),
  revision,
  updatedAt: '2026-03-02T09:00:00Z',
  updatedBy: 'lead',
});
const ID = 'portal-message-triage';

describe('the editor work kept in the browser', () => {
  it('an entry typed with nothing changed comes back on the saved draft', () => {
    const kept = readKeptWork(keptWorkText(saved(3), null, entries), ID);
    expect(kept).toEqual({ revision: 3, changes: null, entries });
    const resumed = resumption(saved(3), kept!);
    expect(resumed?.entries).toEqual(entries);
    expect(resumed?.edited).toBeNull();
    expect(resumed?.base.revision).toBe(3);
    // Even when someone saved since: the entry is put back on their draft.
    expect(resumption(saved(4), kept!)?.base.revision).toBe(4);
  });

  it('unsaved changes come back on the draft they were made on, so a save after someone else’s asks first', () => {
    const edited = applyChanges(doc(), [{ type: 'updateStep', id: 'classify', patch: { title: 'Sort it' } }]);
    const kept = readKeptWork(keptWorkText(saved(3), edited, NO_ENTRIES), ID)!;
    expect(kept.changes?.edited.definition.steps.classify?.title).toBe('Sort it');
    const same = resumption(saved(3), kept)!;
    expect(same.base.revision).toBe(3);
    expect(same.edited?.definition.steps.classify?.title).toBe('Sort it');
    const older = resumption(saved(5), kept)!;
    expect(older.base.revision).toBe(3);
    expect(older.base.document.definition).toEqual(doc().definition);
  });

  it('nothing kept, another workflow’s or an unreadable text opens the saved draft', () => {
    expect(resumption(saved(3), readKeptWork(keptWorkText(saved(3), null, NO_ENTRIES), ID)!)).toBeNull();
    const edited = doc();
    expect(readKeptWork(keptWorkText(saved(3), edited, NO_ENTRIES), 'prescription-refill')).toBeNull();
    expect(readKeptWork('{"revision":"3"}', ID)).toBeNull();
    expect(readKeptWork('not json', ID)).toBeNull();
    const broken = JSON.parse(keptWorkText(saved(3), edited, NO_ENTRIES));
    broken.edited.definition.steps = 'none';
    expect(readKeptWork(JSON.stringify(broken), ID)).toBeNull();
  });
});
