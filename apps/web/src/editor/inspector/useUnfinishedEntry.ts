import { useCallback } from 'react';
import type { UnfinishedEntry } from '../../model/entries.ts';
import { useEditorStore } from '../useEditorStore.ts';

/**
 * A box's text the workflow cannot take yet, held by the editor at `path` (what it would change) so
 * that it is a problem until fixed, and is still in the box after the lead looks at another step.
 * `hold(null)` lets it go once the box holds a value the workflow took, or the one it already had.
 */
export function useUnfinishedEntry(path: string) {
  const entry = useEditorStore((s) => s.entries[path]);
  const store = useEditorStore((s) => s.hold);
  const hold = useCallback((next: UnfinishedEntry | null) => store(path, next), [store, path]);
  return { entry, hold };
}
