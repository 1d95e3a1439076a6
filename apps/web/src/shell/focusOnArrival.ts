import { type RefObject, useEffect } from 'react';

/**
 * Whether the person is still where they asked for this screen: nothing focused, or the menu's link
 * to the screen now open (which says so with `aria-current="page"`).
 */
function stillArriving(): boolean {
  const at = document.activeElement;
  return !at || at === document.body || at.getAttribute('aria-current') === 'page';
}

/**
 * Puts the cursor in `ref`'s box as the screen opens, as `autoFocus` would, unless the person has
 * moved on since they asked for it: on a slow computer a screen can finish loading after they have
 * tabbed back into the menu, and taking the focus then sent their next key into this box.
 */
export function useFocusOnArrival(ref: RefObject<HTMLElement | null>): void {
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, as the screen opens
  useEffect(() => {
    if (stillArriving()) ref.current?.focus();
  }, []);
}
