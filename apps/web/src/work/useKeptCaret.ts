import { type RefObject, useLayoutEffect, useRef } from 'react';

interface Caret {
  selector: string;
  start: number | null;
  end: number | null;
}

/** How the focused field is found again in the rebuilt form: its test id, else its name (and value). */
function selectorOf(el: HTMLElement): string | null {
  const testId = el.getAttribute('data-testid');
  if (testId) return `[data-testid="${CSS.escape(testId)}"]`;
  const name = el.getAttribute('name');
  if (!name) return null;
  const value = el.getAttribute('value');
  return `[name="${CSS.escape(name)}"]${value !== null ? `[value="${CSS.escape(value)}"]` : ''}`;
}

/** The field focused inside `root` now, and where its caret is (inputs without one, such as numbers, none). */
function caretIn(root: HTMLElement | null): Caret | null {
  const el = document.activeElement;
  if (!root || !(el instanceof HTMLElement) || !root.contains(el)) return null;
  const selector = selectorOf(el);
  if (!selector) return null;
  let start: number | null = null;
  let end: number | null = null;
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) {
    try {
      start = el.selectionStart;
      end = el.selectionEnd;
    } catch {
      // A kind of input with no caret: focus alone goes back.
    }
  }
  return { selector, start, end };
}

/**
 * The form is rebuilt under the person's typing when a newer draft is taken in (`rebuilt` rises): the
 * field being typed in keeps focus and its caret, so the next key lands where it was going, not outside
 * the form.
 */
export function useKeptCaret(root: RefObject<HTMLElement | null>, rebuilt: number): void {
  const seen = useRef(rebuilt);
  const kept = useRef<Caret | null>(null);
  // Read while the old form is still on the page: after this render it is gone.
  if (seen.current !== rebuilt) {
    seen.current = rebuilt;
    kept.current = caretIn(root.current);
  }
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the form was rebuilt
  useLayoutEffect(() => {
    const caret = kept.current;
    kept.current = null;
    const el = caret && root.current?.querySelector<HTMLElement>(caret.selector);
    if (!caret || !el) return;
    el.focus({ preventScroll: true });
    if ((el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) && caret.start !== null) {
      try {
        el.setSelectionRange(caret.start, caret.end ?? caret.start);
      } catch {
        // No caret on this kind of input.
      }
    }
  }, [rebuilt]);
}
