import { randomUUID } from 'node:crypto';
import { DEFAULT_CLINIC_CLOCK } from '@portalflow/contract';
import { clockTime, dateInYear } from '@portalflow/engine/text';
import type { SentInvitation, User } from '@portalflow/store';
import type { AppDeps } from '../deps.ts';
import { clinicZone } from '../outbox/digest.ts';
import { smtpWords } from '../outbox/failure-words.ts';
import { smtpMailer } from '../outbox/mailer.ts';
import { localDateTime } from '../outbox/quiet-hours.ts';
import { composeInvitation, composePasswordReset } from './invitation-email.ts';
import { issueSetPasswordCode } from './set-password-code.ts';

/** An invitation (an admin made the account) or a reset the person asked for on the sign-in page. */
export type LinkEmailKind = 'invitation' | 'password-reset-email';

/** A reset link asked for on the sign-in page works this long (an admin's invitation, `setPasswordCodeMs`). */
const RESET_MS = 3600_000;

/** "Thu, Dec 10, 9:14 AM (America/Chicago)": as the clinic's screens write times. */
function clinicMoment(deps: AppDeps, iso: string): string {
  const zone = clinicZone(deps);
  const { date, time } = localDateTime(iso, zone);
  const today = localDateTime(deps.clock(), zone).date;
  return `${dateInYear(date, today)}, ${clockTime(time, deps.clinicClock ?? DEFAULT_CLINIC_CLOCK)} (${zone})`;
}

/**
 * Emails the person a link with a new one-time set-password code, sent straight to the mail server
 * (never queued: the code is stored only as its hash), and keeps in the account's trail where and
 * when it went, or why the mail server did not take it. The code replaces any earlier unused one.
 */
export async function sendLinkEmail(
  deps: AppDeps,
  input: { kind: LinkEmailKind; user: User; to: string; actorId: string | null },
): Promise<SentInvitation> {
  const { kind, user, to, actorId } = input;
  const { smtpUrl, mailFrom, baseUrl } = deps.config.outbox;
  if (!smtpUrl) throw new Error('no SMTP server configured');
  const lifetime =
    kind === 'invitation' ? deps.config.setPasswordCodeMs : Math.min(RESET_MS, deps.config.setPasswordCodeMs);
  const { code, expiresAt } = await issueSetPasswordCode(deps, user.id, actorId, lifetime);
  const words = {
    clinicName: deps.clinicName ?? 'Clinic',
    baseUrl,
    username: user.username,
    code,
    expires: clinicMoment(deps, expiresAt),
  };
  const email = kind === 'invitation' ? composeInvitation(words) : composePasswordReset(words);
  const mailer = smtpMailer(smtpUrl, mailFrom);
  let error: string | null = null;
  try {
    await mailer.send({ id: `${kind}-${randomUUID()}`, to, email });
  } catch (failure) {
    error = smtpWords(failure);
  } finally {
    mailer.close();
  }
  const at = deps.clock();
  await deps.store.recordAccountChanges({
    userId: user.id,
    actorId,
    at,
    changes: [{ what: kind, newValue: JSON.stringify(error ? { to, error } : { to, expiresAt }) }],
  });
  return { to, at, expiresAt: error ? null : expiresAt, error };
}
