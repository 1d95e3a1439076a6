import { useEffect, useRef } from 'react';

/**
 * A row that leaves the list with the focus on it (claimed or finished by a colleague or on another
 * screen, seen live) hands the focus to the row that took its place, else to the one before it, else
 * to the list: not to the page, where the next Tab started again at "Skip to main content" and a
 * screen reader said nothing of what happened. Focus the person had moved elsewhere is left alone.
 */
export function useFocusKeptInList(ids: readonly string[]): void {
  /** The row that last took the focus, while the focus has gone nowhere else since. */
  const focusedRow = useRef<string | null>(null);
  const before = useRef(ids);

  useEffect(() => {
    const onFocusIn = (event: FocusEvent) => {
      const target = event.target instanceof HTMLElement ? event.target : null;
      focusedRow.current = target?.getAttribute('data-task-row') ?? null;
    };
    document.addEventListener('focusin', onFocusIn);
    return () => document.removeEventListener('focusin', onFocusIn);
  }, []);

  useEffect(() => {
    const was = before.current;
    before.current = ids;
    const gone = focusedRow.current;
    if (gone === null || ids.includes(gone)) return;
    focusedRow.current = null;
    const active = document.activeElement;
    if (active && active !== document.body) return;
    const at = was.indexOf(gone);
    if (at < 0) return;
    const listed = (id: string) => ids.includes(id);
    const next = was.slice(at + 1).find(listed) ?? was.slice(0, at).reverse().find(listed);
    const target = next
      ? document.querySelector<HTMLElement>(`[data-task-row="${CSS.escape(next)}"]`)
      : document.querySelector<HTMLElement>('[data-testid="task-list"]');
    target?.focus();
  }, [ids]);
}
