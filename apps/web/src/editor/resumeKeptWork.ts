import type { Me } from '../api/types.ts';
import { countOf } from '../shell/plural.ts';
import { type Resumed, readKeptWork, resumption } from './keptWork.ts';
import { readKept, writeKept } from './keptWorkStorage.ts';
import { toast } from './toast.ts';
import { type SavedBase, useEditorStore } from './useEditorStore.ts';

/** What this browser kept of the signed-in lead's work on workflow `id`, over the saved `base`. */
export function keptWorkFor(me: Me | null | undefined, id: string, base: SavedBase): Resumed | null {
  if (!me) return null;
  const text = readKept(me.user.id, id);
  if (text === null) return null;
  const kept = readKeptWork(text, id);
  // Unreadable (an older version of the app wrote it): the saved draft opens.
  if (kept === null) writeKept(me.user.id, id, null);
  return kept && resumption(base, kept);
}

/**
 * Opens the workflow with the kept work on it: the unsaved changes as one step Undo takes back to
 * the saved draft, the entries in their boxes and under Problems; and says so, once.
 */
export function openResumed(resumed: Resumed, heldRoles: readonly string[] | undefined): void {
  const { load, apply } = useEditorStore.getState();
  load(resumed.base, resumed.base.document, heldRoles, resumed.entries);
  if (resumed.edited)
    apply([{ type: 'replaceAll', document: resumed.edited }], { label: 'Changes kept from before' });
  const entries = Object.keys(resumed.entries).length;
  const parts = [
    ...(resumed.edited ? ['changes not saved yet (Undo puts the saved draft back)'] : []),
    ...(entries > 0 ? [`${countOf(entries, 'entry', 'entries')} not taken yet, listed under Problems`] : []),
  ];
  toast({
    title: 'Your unfinished work is back',
    message: `Kept in this browser since you last had this workflow open: ${parts.join(', and ')}.`,
  });
}
