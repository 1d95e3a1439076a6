import { formatWhen } from '../shell/time.ts';
import type { AccountChange } from './api.ts';

const WHAT: Record<string, string> = {
  created: 'Account created',
  roles: 'Roles',
  disabled: 'Disabled',
  'display-name': 'Name',
  password: 'Password',
  'two-factor': 'Two-factor sign-in',
  sessions: 'Sessions',
  'set-password-code': 'One-time code issued',
};

/** A trail value in words: JSON lists and strings become plain text. */
function plain(value: string | null): string {
  if (value === null) return '—';
  try {
    const parsed = JSON.parse(value) as unknown;
    if (Array.isArray(parsed)) return parsed.length ? parsed.join(', ') : 'none';
    if (typeof parsed === 'boolean') return parsed ? 'yes' : 'no';
    if (typeof parsed === 'string') return parsed;
    if (parsed && typeof parsed === 'object')
      return Object.entries(parsed)
        .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : String(v)}`)
        .join('; ');
    return String(parsed);
  } catch {
    return value;
  }
}

export const changeLabel = (c: AccountChange) => WHAT[c.what] ?? c.what;
export const changeFrom = (c: AccountChange) => plain(c.oldValue);
export function changeTo(c: AccountChange): string {
  if (c.what === 'set-password-code' && c.newValue) {
    const { expiresAt } = JSON.parse(c.newValue) as { expiresAt?: string };
    return expiresAt ? `valid until ${formatWhen(expiresAt)}` : 'issued';
  }
  return plain(c.newValue);
}
