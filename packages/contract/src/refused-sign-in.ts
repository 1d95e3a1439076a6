/**
 * Why a sign-in step was refused, in words: "Sign-in refused: wrong password". The server writes the
 * step and the reason into the row's detail ("password: throttled"); without them every refusal read
 * "Refused: signed in", and an admin could not tell someone guessing from a colleague held back after
 * typos or a disabled account.
 */

/** The step refused, by the detail's first part. */
const STEP: Record<string, string> = {
  password: 'Sign-in refused',
  'authenticator code': 'Two-factor code refused',
  'recovery code': 'Recovery code refused',
  enrollment: 'Two-factor setup refused',
  'set-password code': 'One-time code refused',
  'password change': 'Password change refused',
};

/** Why, by the detail's second part (another reason is shown as the server wrote it). */
const REASON: Record<string, string> = {
  wrong: 'wrong password',
  'unknown account': 'no such account',
  throttled: 'too many failed attempts, paused',
  'throttled (many accounts from one client)': 'too many failed sign-ins from that computer, paused',
  'account disabled': 'account disabled',
  'wrong or reused': 'wrong or already used',
  'wrong code': 'wrong code',
  'wrong, used or expired': 'wrong, already used or expired',
  'wrong current password': 'wrong current password',
  'changed meanwhile': 'the password was changed meanwhile',
};

/** The words of a refused sign-in step, or null when the row is not one. */
export function refusedSignIn(row: {
  dataCategory: string | null;
  outcome: 'allow' | 'deny';
  detail: string | null;
}): string | null {
  if (row.dataCategory !== 'authentication' || row.outcome !== 'deny' || !row.detail) return null;
  const at = row.detail.indexOf(': ');
  const step = STEP[row.detail.slice(0, at)];
  if (at < 0 || !step) return null;
  const reason = row.detail.slice(at + 2);
  return `${step}: ${REASON[reason] ?? reason}`;
}
