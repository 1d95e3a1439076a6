/**
 * A session that ended under a signed-in screen (signed out elsewhere, the account disabled, its
 * password changed or its two-factor sign-in reset) drops the person on the sign-in page; this remembers why, for that page to say
 * so once. Kept for the tab only, and holds no name or data.
 */
const KEY = 'pf-session-ended';

// Set while this tab signs out on purpose: a request answered "signed out" meanwhile (the live
// stream, a list refreshing) is that sign-out, not a session ended under the person.
let signingOut = false;

/** This tab is signing out: what ends meanwhile is not to be explained on the sign-in page. */
export function signingOutOnPurpose(): void {
  signingOut = true;
}

export function markSessionEnded(): void {
  if (signingOut) return;
  try {
    sessionStorage.setItem(KEY, '1');
  } catch {
    // Storage refused (private mode): the page only misses its explanation.
  }
}

/** Whether the last session ended under a signed-in screen; reading it clears it. */
export function takeSessionEnded(): boolean {
  // The sign-in page is showing: from here on an ended session is a new one's.
  signingOut = false;
  try {
    const ended = sessionStorage.getItem(KEY) === '1';
    sessionStorage.removeItem(KEY);
    return ended;
  } catch {
    return false;
  }
}
