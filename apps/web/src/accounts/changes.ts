import { idToWords } from '@portalflow/engine';
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
  email: 'Work email',
  invitation: 'Invitation emailed',
  'password-reset-email': 'Password reset emailed',
  'sign-in-pause': 'Sign-in pause lifted',
};

/** A role id as its title; an id no catalog names reads in words ("front-desk" → "Front desk"). */
export type RoleTitle = (id: string) => string | undefined;

const titled = (roles: readonly unknown[], title: RoleTitle) =>
  roles.map((r) => title(String(r)) ?? idToWords(String(r))).join(', ');

/** How an account came to be, when not made one by one by an admin. */
const VIA: Record<string, string> = { 'staff list': 'from the staff list', sso: 'by single sign-on' };

/** What an account was created with, in words: "Username jdoe, name Jane Doe, roles Medical assistant". */
function created(value: Record<string, unknown>, title: RoleTitle): string {
  const roles = Array.isArray(value.roles) ? value.roles : [];
  const parts = [
    `Username ${String(value.username ?? '')}`,
    `name ${String(value.displayName ?? '')}`,
    roles.length ? `roles ${titled(roles, title)}` : 'no roles',
  ];
  if (typeof value.via === 'string') parts.push(VIA[value.via] ?? `via ${value.via}`);
  return parts.join(', ');
}

/** A trail value in words: JSON lists and strings become plain text, role ids their titles. */
function plain(c: AccountChange, value: string | null, title: RoleTitle): string {
  if (value === null) return '—';
  try {
    const parsed = JSON.parse(value) as unknown;
    if (Array.isArray(parsed))
      return parsed.length ? (c.what === 'roles' ? titled(parsed, title) : parsed.join(', ')) : 'none';
    if (typeof parsed === 'boolean') return parsed ? 'yes' : 'no';
    if (typeof parsed === 'string') return parsed;
    if (parsed && typeof parsed === 'object') {
      if (c.what === 'created') return created(parsed as Record<string, unknown>, title);
      return Object.entries(parsed)
        .map(([k, v]) => `${idToWords(k)} ${Array.isArray(v) ? v.join(', ') : String(v)}`)
        .join(', ');
    }
    return String(parsed);
  } catch {
    return value;
  }
}

/** Whether the account could sign in, in words: "Disabled: yes → no" read as if enabling had disabled. */
const standing = (value: string | null) =>
  value === 'true' ? 'disabled' : value === 'false' ? 'active' : '—';

export const changeLabel = (c: AccountChange) =>
  c.what === 'disabled'
    ? c.newValue === 'true'
      ? 'Account disabled'
      : 'Account enabled'
    : (WHAT[c.what] ?? c.what);
/** "5 failed attempts, paused until Today 7:45 PM": how a lifted sign-in pause stood. */
function pauseStood(value: string): string {
  const { failedAttempts, pausedUntil } = JSON.parse(value) as {
    failedAttempts?: number;
    pausedUntil?: string | null;
  };
  const attempts = `${failedAttempts ?? 0} failed attempt${failedAttempts === 1 ? '' : 's'}`;
  return pausedUntil ? `${attempts}, paused until ${formatWhen(pausedUntil)}` : attempts;
}

export function changeFrom(c: AccountChange, title: RoleTitle): string {
  if (c.what === 'disabled') return standing(c.oldValue);
  return c.what === 'sign-in-pause' && c.oldValue ? pauseStood(c.oldValue) : plain(c, c.oldValue, title);
}
export function changeTo(c: AccountChange, title: RoleTitle): string {
  if (c.what === 'sign-in-pause') return 'can sign in';
  if (c.what === 'disabled') return standing(c.newValue);
  if ((c.what === 'invitation' || c.what === 'password-reset-email') && c.newValue) {
    const { to, error } = JSON.parse(c.newValue) as { to?: string; error?: string };
    return error ? `not sent to ${to}: ${error}` : `sent to ${to}`;
  }
  if (c.what === 'set-password-code' && c.newValue) {
    const { expiresAt } = JSON.parse(c.newValue) as { expiresAt?: string };
    return expiresAt ? `valid until ${formatWhen(expiresAt)}` : 'issued';
  }
  return plain(c, c.newValue, title);
}
