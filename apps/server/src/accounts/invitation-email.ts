import type { ComposedEmail } from '../outbox/email.ts';

/**
 * Where an emailed set-password link points: the sign-in page, with the username and the one-time code
 * after `#`, so neither reaches a server's access log or a proxy (browsers never send what follows `#`).
 */
export const setPasswordLink = (baseUrl: string, username: string, code: string) =>
  `${baseUrl}/set-password#username=${encodeURIComponent(username)}&code=${encodeURIComponent(code)}`;

export interface LinkEmailInput {
  clinicName: string;
  baseUrl: string;
  username: string;
  code: string;
  /** When the link stops working, as the clinic's screens write it ("Thu, Dec 10, 9:14 AM"). */
  expires: string;
}

const FOOTER =
  'The link works once. Your password is yours alone: nobody from the clinic will ask you for it.\n' +
  'For patient privacy this email holds no patient information.';

/** An admin made the person an account: a link to choose their password. Nothing about patients. */
export function composeInvitation(p: LinkEmailInput): ComposedEmail {
  return {
    subject: `[${p.clinicName}] Your portalflow account: choose your password`,
    text:
      `${p.clinicName} made you an account for its portal workflows. Your username is ${p.username}.\n\n` +
      `Choose your password here: ${setPasswordLink(p.baseUrl, p.username, p.code)}\n` +
      `The link works until ${p.expires}. If it has expired, ask your clinic's admin to send a new invitation.\n\n` +
      `${FOOTER}\n`,
  };
}

/** The person asked on the sign-in page: a link to choose a new password. */
export function composePasswordReset(p: LinkEmailInput): ComposedEmail {
  return {
    subject: `[${p.clinicName}] Choose a new password`,
    text:
      `Someone asked to reset the password of your account ${p.username} on the sign-in page.\n\n` +
      `Choose a new password here: ${setPasswordLink(p.baseUrl, p.username, p.code)}\n` +
      `The link works until ${p.expires}. Using it signs you out everywhere else; your authenticator app stays as it is.\n` +
      'If you did not ask, ignore this email: your password stays as it is.\n\n' +
      `${FOOTER}\n`,
  };
}
