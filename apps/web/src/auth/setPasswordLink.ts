/**
 * The username and one-time code of an emailed set-password link (`/set-password#username=…&code=…`),
 * read once: the address bar is then cleared, so the code is not left in it or in the history.
 */
export function takeSetPasswordLink(): { username: string; code: string } | null {
  if (typeof window === 'undefined' || window.location.pathname !== '/set-password') return null;
  const params = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  const username = params.get('username') ?? '';
  const code = params.get('code') ?? '';
  window.history.replaceState(null, '', '/');
  return code ? { username, code } : null;
}
