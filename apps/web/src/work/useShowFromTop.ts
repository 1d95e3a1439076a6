import { type RefObject, useLayoutEffect, useRef } from 'react';

/** Scrolls the element and every box that holds it back to their tops. */
function scrollToTop(element: HTMLElement): void {
  for (let box: HTMLElement | null = element; box; box = box.parentElement) {
    if (box.scrollTop !== 0) box.scrollTop = 0;
  }
}

/**
 * When the panel shows another task (the next one after a complete, another row picked), it starts at
 * its top: the request and its heading in view, never the last task's scroll position with the form of
 * the next patient under it. The focus follows to the heading when it was in the panel or was lost with
 * the last task's buttons; focus on the list (j, k, Enter on a row) stays there.
 */
export function useShowFromTop(
  shownId: string | null,
  panel: RefObject<HTMLElement | null>,
  heading: RefObject<HTMLElement | null>,
): void {
  const shown = useRef<string | null>(null);
  useLayoutEffect(() => {
    if (shownId === null || shownId === shown.current) return;
    const earlier = shown.current;
    shown.current = shownId;
    const element = panel.current;
    if (!element) return;
    scrollToTop(element);
    if (earlier === null) return;
    const active = document.activeElement;
    const lost = !active || active === document.body;
    if (lost || element.contains(active)) heading.current?.focus({ preventScroll: true });
  }, [shownId, panel, heading]);
}
