/**
 * A ref that puts the focus on its element in the commit that shows it. Mantine's focus trap moves
 * the focus into a dialog one timer later (to its `data-autofocus` element); on a busy computer the
 * browser handles key presses before timers already due, so what the front desk typed as the dialog
 * appeared (the caller's chart number, a workflow's name) went to the button behind it and was lost.
 * Keep `data-autofocus` on the same element: the trap's later focus then lands where this one did.
 * A module-level function, so React calls it once when the element comes and never on a re-render.
 */
export function focusOnShow(element: HTMLElement | null): void {
  element?.focus({ preventScroll: true });
}
