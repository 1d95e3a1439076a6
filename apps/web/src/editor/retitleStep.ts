import { retitleChanges } from '../model/stepIds.ts';
import { useEditorStore } from './useEditorStore.ts';

/**
 * The id follows the title once the title is committed (not per keystroke, so typing keeps its
 * focus). It joins the typing's undo step: one Undo brings back the old title and its id together,
 * where the id alone going back looked like Undo did nothing.
 */
export function retitleStep(id: string, frozen: boolean): void {
  const { document, apply } = useEditorStore.getState();
  if (!document) return;
  const step = document.definition.steps[id];
  const { changes, id: next } = retitleChanges(document.definition, id, step?.title ?? '', { frozen });
  if (changes.length > 0) apply(changes, { squash: `title:${id}`, select: { steps: [next], edges: [] } });
}
