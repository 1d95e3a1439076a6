import type { MouseEvent } from 'react';

/** The id of the screen's main region, which the skip link moves the focus to. */
export const MAIN_ID = 'main-content';

/**
 * The first stop of the Tab key: past the header and the menu straight into the screen (otherwise
 * some eighteen presses to a task). Hidden until focused. The focus moves without a `#` in the
 * address, which holds only the screen's own place.
 */
export function SkipLink() {
  const skip = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    document.getElementById(MAIN_ID)?.focus();
  };
  return (
    <a href={`#${MAIN_ID}`} className="pf-skip-link" onClick={skip}>
      Skip to main content
    </a>
  );
}
