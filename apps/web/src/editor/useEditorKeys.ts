import { placementOf } from '@portalflow/diagram';
import { type RefObject, useEffect } from 'react';
import { useEditorStore } from './useEditorStore.ts';

const typing = (el: EventTarget | null) =>
  el instanceof HTMLElement &&
  (el.isContentEditable ||
    ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName) ||
    el.closest('[role="combobox"],[role="listbox"]') !== null);

type Direction = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown';

/** The nearest box in a direction, preferring ones straight ahead. */
function neighbour(from: string, direction: Direction): string | undefined {
  const doc = useEditorStore.getState().document;
  if (!doc) return undefined;
  const scene = placementOf(doc.definition, doc.layout);
  const a = scene.boxes.get(from);
  if (!a) return undefined;
  const ax = a.x + a.width / 2;
  const ay = a.y + a.height / 2;
  let best: string | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const b of scene.boxes.values()) {
    if (b.id === from) continue;
    const dx = b.x + b.width / 2 - ax;
    const dy = b.y + b.height / 2 - ay;
    const [ahead, side] =
      direction === 'ArrowRight'
        ? [dx, dy]
        : direction === 'ArrowLeft'
          ? [-dx, dy]
          : direction === 'ArrowDown'
            ? [dy, dx]
            : [-dy, dx];
    if (ahead <= 1) continue;
    const score = ahead + 2.5 * Math.abs(side);
    if (score < bestScore) {
      bestScore = score;
      best = b.id;
    }
  }
  return best;
}

function focusNode(id: string) {
  requestAnimationFrame(() =>
    document.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`)?.focus(),
  );
}

/**
 * Editor keys: Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y, Delete or Backspace removes the selection,
 * Ctrl+C / Ctrl+V copy and paste steps; on the canvas, Tab and the arrow keys move the selection
 * between steps. Keys typed into a field are left alone.
 */
export function useEditorKeys(
  root: RefObject<HTMLElement | null>,
  commands: { deleteSelection(): void; copy(): boolean; paste(): void },
) {
  useEffect(() => {
    // On the document, not the editor's element: after a delete the focused box is gone and
    // focus falls back to <body>, yet Ctrl+Z must still undo.
    const onKeyDown = (event: KeyboardEvent) => {
      const target = event.target;
      const inEditor = target instanceof Node && root.current?.contains(target);
      if (!inEditor && target !== document.body) return;
      if (typing(target) || (target instanceof HTMLElement && target.closest('[role="dialog"]'))) return;
      const store = useEditorStore.getState();
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      if (mod && key === 'z') {
        event.preventDefault();
        if (event.shiftKey) store.redo();
        else store.undo();
        return;
      }
      if (mod && key === 'y') {
        event.preventDefault();
        store.redo();
        return;
      }
      if (mod && key === 'c') {
        if (commands.copy()) event.preventDefault();
        return;
      }
      if (mod && key === 'v') {
        event.preventDefault();
        commands.paste();
        return;
      }
      const onCanvas = target instanceof HTMLElement && target.closest('.pf-diagram') !== null;
      if ((event.key === 'Delete' || event.key === 'Backspace') && (onCanvas || target === document.body)) {
        event.preventDefault();
        commands.deleteSelection();
        return;
      }
      if (!onCanvas || !store.document) return;
      const ids = Object.keys(store.document.definition.steps);
      const current = store.selection.steps[0];
      let next: string | undefined;
      if (event.key === 'Tab') {
        // Past the first or last step, Tab leaves the canvas as usual (no keyboard trap).
        const i = current === undefined ? -1 : ids.indexOf(current);
        next = ids[i + (event.shiftKey ? -1 : 1)];
      } else if (event.key === 'Escape') {
        store.select({ steps: [], edges: [] });
        return;
      } else if (event.key.startsWith('Arrow')) {
        next =
          current === undefined
            ? store.document.definition.start
            : neighbour(current, event.key as Direction);
      }
      if (next !== undefined && store.document.definition.steps[next]) {
        event.preventDefault();
        store.select({ steps: [next], edges: [] }, true);
        focusNode(next);
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [root, commands]);
}
