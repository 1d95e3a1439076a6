/**
 * A session that ended under a signed-in screen (signed out elsewhere, the account disabled, its
 * password changed or its two-factor sign-in reset) drops the person on the sign-in page; this remembers why, for that page to say
 * so once. Kept for the tab only, and holds no name or data.
 */
const KEY = 'pf-session-ended';

export function markSessionEnded(): void {
  try {
    sessionStorage.setItem(KEY, '1');
  } catch {
    // Storage refused (private mode): the page only misses its explanation.
  }
}

/** Whether the last session ended under a signed-in screen; reading it clears it. */
export function takeSessionEnded(): boolean {
  try {
    const ended = sessionStorage.getItem(KEY) === '1';
    sessionStorage.removeItem(KEY);
    return ended;
  } catch {
    return false;
  }
}
