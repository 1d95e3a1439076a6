import { useCallback, useEffect, useState } from 'react';
import type { Selection } from './useEditorStore.ts';

const KEY = 'portalflow.editor.inspector';

/**
 * Whether the editor's inspector is folded to a strip, giving its 320 px to the diagram. Open until
 * someone folds it; their choice is kept in this browser for the next workflow they open. Choosing a
 * step, an arrow or a lane opens it by itself (without changing the choice kept): it is where the
 * chosen thing is edited.
 */
export function useInspectorFolded(selection: Selection): {
  folded: boolean;
  fold: () => void;
  open: () => void;
} {
  const [folded, setFolded] = useState(() => read() === 'folded');
  const fold = useCallback(() => {
    write('folded');
    setFolded(true);
  }, []);
  const open = useCallback(() => {
    write('open');
    setFolded(false);
  }, []);
  // A new choice opens it; the same one again (an edit of the chosen step) leaves it as it is.
  const chosen = [...selection.steps, ...selection.edges, selection.role ?? ''].join(' ').trim();
  useEffect(() => {
    if (chosen) setFolded(false);
  }, [chosen]);
  return { folded, fold, open };
}

// Storage can be refused (a locked-down browser): the inspector then starts open each time.
function read(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}
function write(value: string): void {
  try {
    localStorage.setItem(KEY, value);
  } catch {
    /* kept for this page only */
  }
}
