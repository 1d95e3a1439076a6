import type { InvitationView } from '@portalflow/contract';
import { formatTime, formatWhen } from '../shell/time.ts';

/** "d…@clinic.org": enough for the admin to know which address, not the whole of it on screen. */
export function maskedAddress(address: string): string {
  const at = address.lastIndexOf('@');
  if (at <= 0) return address;
  return `${address[0]}…${address.slice(at)}`;
}

/** Where an invitation stands, in one sentence an admin reads at a glance. */
export function invitationLine(invitation: InvitationView, now = Date.now()): string {
  const to = maskedAddress(invitation.to);
  // Sent today: the time alone ("at 9:14 AM"); another day: the day too ("Yesterday 4:02 PM").
  const sameDay = formatWhen(invitation.at, now).startsWith('Today');
  const when = sameDay ? `at ${formatTime(invitation.at)}` : formatWhen(invitation.at, now);
  if (invitation.error) return `Invitation to ${to} not sent (${when}): ${invitation.error}`;
  if (invitation.expiresAt && Date.parse(invitation.expiresAt) <= now)
    return `Invitation sent to ${to} ${when} expired ${formatWhen(invitation.expiresAt, now)}: send a new one.`;
  return `Invitation sent to ${to} ${when}. Its link works until ${formatWhen(invitation.expiresAt, now)}.`;
}
