import { beforeEach, describe, expect, it } from 'vitest';
import { retitleStep } from '../src/editor/retitleStep.ts';
import { useEditorStore } from '../src/editor/useEditorStore.ts';
import { doc } from './model-support.ts';

/** What typing into the inspector's Title box records, one keystroke at a time. */
function type(id: string, title: string) {
  for (let n = 1; n <= title.length; n++)
    useEditorStore
      .getState()
      .apply([{ type: 'updateStep', id, patch: { title: title.slice(0, n) } }], { squash: `title:${id}` });
}

const titleOf = (id: string) => useEditorStore.getState().document!.definition.steps[id]?.title;

describe('undoing a step’s new title', () => {
  beforeEach(() => {
    useEditorStore
      .getState()
      .load({ document: doc(), revision: 1, updatedAt: '2026-01-01T00:00:00Z', updatedBy: null });
    useEditorStore.getState().select({ steps: ['classify'], edges: [] });
  });

  it('brings back the old title and the id that followed it in one Undo, with the step still chosen', () => {
    type('classify', 'Sort it');
    retitleStep('classify', false);
    expect(titleOf('sort-it')).toBe('Sort it');
    expect(useEditorStore.getState().selection.steps).toEqual(['sort-it']);

    useEditorStore.getState().undo();
    const now = useEditorStore.getState();
    expect(titleOf('classify')).toBe('Classify the message');
    expect(now.document!.definition.steps['sort-it']).toBeUndefined();
    expect(now.selection.steps).toEqual(['classify']);
    expect(now.canUndo).toBe(false);

    useEditorStore.getState().redo();
    expect(titleOf('sort-it')).toBe('Sort it');
    expect(useEditorStore.getState().selection.steps).toEqual(['sort-it']);
  });

  it('keeps the step chosen when Undo takes back an id typed by hand', () => {
    useEditorStore.getState().apply([{ type: 'renameStep', id: 'classify', newId: 'sort' }], {
      select: { steps: ['sort'], edges: [] },
    });
    useEditorStore.getState().undo();
    expect(useEditorStore.getState().selection.steps).toEqual(['classify']);
  });
});
