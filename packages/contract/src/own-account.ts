import { z } from 'zod';
import { SessionView } from './accounts.ts';
import { NewPassword } from './auth.ts';
import { errors, json, jsonBody, route } from './route.ts';

/**
 * What every signed-in person does with their own account: change their password, see where they
 * are signed in, and sign out there. With a session only: an API token cannot change its owner's
 * password or end their sessions.
 */

export const ChangeOwnPasswordBody = z
  .object({
    currentPassword: z.string().min(1, 'Type your current password').max(1000),
    newPassword: NewPassword,
  })
  .strict();
export type ChangeOwnPasswordBody = z.input<typeof ChangeOwnPasswordBody>;

/** What a password change ended besides this browser's old session, which it replaced. */
export const PasswordChanged = z.object({
  ok: z.literal(true),
  /** The new session's CSRF token: the old session ended with the old password. */
  csrfToken: z.string(),
  /** Other browsers signed out, and API tokens revoked. */
  endedSessions: z.number().int(),
  revokedTokens: z.number().int(),
});
export type PasswordChanged = z.infer<typeof PasswordChanged>;

const tags = ['own account'];
const signedOut = 'Not signed in (UNAUTHENTICATED)';
const withToken = 'Called with an API token (SESSION_REQUIRED)';

export const changeOwnPassword = route({
  method: 'post',
  path: '/api/me/password',
  summary:
    'Change your own password with your current one. Every other session and every API token of yours ends; this browser gets a new session',
  tags,
  'x-instance-data': false,
  request: { body: jsonBody(ChangeOwnPasswordBody) },
  responses: {
    200: json(PasswordChanged, 'Changed; signed in again here'),
    ...errors({
      400: 'The current password is wrong, or the new one is too weak or the same (CURRENT_PASSWORD_WRONG, PASSWORD_TOO_WEAK, PASSWORD_UNCHANGED, VALIDATION_FAILED)',
      401: signedOut,
      403: withToken,
      409: 'Changed meanwhile, elsewhere (PASSWORD_CHANGED_MEANWHILE)',
      429: 'Too many wrong current passwords (TOO_MANY_ATTEMPTS); `Retry-After` says when to try again',
    }),
  },
});

export const listOwnSessions = route({
  method: 'get',
  path: '/api/me/sessions',
  summary: 'Where you are signed in: each session with when it started, was last used, and its browser',
  tags,
  'x-instance-data': false,
  responses: {
    200: json(z.object({ sessions: z.array(SessionView) }), 'Your sessions, this one marked current'),
    ...errors({ 401: signedOut, 403: withToken }),
  },
});

export const endOwnSession = route({
  method: 'delete',
  path: '/api/me/sessions/{sessionId}',
  summary: 'Sign out one of your sessions (a browser left signed in elsewhere)',
  tags,
  'x-instance-data': false,
  request: { params: z.object({ sessionId: z.string().min(1).max(200) }) },
  responses: {
    200: json(z.object({ ended: z.literal(1) }), 'Ended'),
    ...errors({ 401: signedOut, 403: withToken, 404: 'No such live session of yours (NOT_FOUND)' }),
  },
});

export const endOtherOwnSessions = route({
  method: 'delete',
  path: '/api/me/sessions',
  summary: 'Sign out everywhere else: every session of yours but this one',
  tags,
  'x-instance-data': false,
  responses: {
    200: json(z.object({ ended: z.number().int() }), 'How many ended'),
    ...errors({ 401: signedOut, 403: withToken }),
  },
});
